"""The back office: teams, the history of each case, decisions awaiting a second
pair of eyes, internal notes and the messages between staff and the resident.

Reasons, notes and messages may say anything about a resident, so they are
sealed like sensitive answers (privacy/fields.py), each bound to its own row.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.privacy.fields import EncryptedTextField


def _status_label(status: str) -> str:
    from townhall.cases.models import ApplicationStatus

    try:
        return str(ApplicationStatus(status).label)
    except ValueError:
        return status


class Team(models.Model):
    """Staff who handle some services. A case is in a team's queue when the
    team handles its service."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="teams", blank=True
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamService(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="services")
    service_slug = models.SlugField(_("service"), max_length=80)

    class Meta:
        verbose_name = _("service of a team")
        verbose_name_plural = _("services of teams")
        constraints = [
            models.UniqueConstraint(fields=["team", "service_slug"], name="cases_team_service"),
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.service_slug}"


class CaseTransition(models.Model):
    """One move of a case from a state to another: who, when and why."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        "cases.Application", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=30)
    to_status = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The second member of staff who confirmed a decision (four eyes).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = EncryptedTextField(_("reason"), bind_to="uid", blank=True, default="")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    ledger_index = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("case transition")
        verbose_name_plural = _("case transitions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def from_label(self) -> str:
        return _status_label(self.from_status)

    @property
    def to_label(self) -> str:
        return _status_label(self.to_status)


class DecisionProposal(models.Model):
    """A decision written by one member of staff, waiting for another to confirm it."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        "cases.Application", on_delete=models.CASCADE, related_name="proposals"
    )
    to_status = models.CharField(_("decision"), max_length=30)
    reason = EncryptedTextField(_("reason"), bind_to="uid", blank=True, default="")
    conditions = EncryptedTextField(_("conditions"), bind_to="uid", blank=True, default="")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or returned by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    confirmed = models.BooleanField(_("confirmed"), null=True, blank=True)
    return_note = EncryptedTextField(
        _("why it was returned"), bind_to="uid", blank=True, default=""
    )

    class Meta:
        verbose_name = _("decision awaiting confirmation")
        verbose_name_plural = _("decisions awaiting confirmation")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(resolved_at__isnull=True),
                name="cases_one_open_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.to_status}"

    @property
    def to_label(self) -> str:
        return _status_label(self.to_status)


class CaseNote(models.Model):
    """An internal note: staff only, never shown to the resident."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        "cases.Application", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = EncryptedTextField(_("note"), bind_to="uid")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.created_at:%Y-%m-%d}"


class CaseMessage(models.Model):
    """A message between the resident and the staff handling their case."""

    BODY_MAX = 5000

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        "cases.Application", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_staff = models.BooleanField(_("from staff"))
    body = EncryptedTextField(_("message"), bind_to="uid")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case message")
        verbose_name_plural = _("case messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.created_at:%Y-%m-%d}"
