"""Applications for online services, their documents, and the anonymous journey figures.

An application keeps the exact service version it was made under, its answers
as JSON (the answers the definition marks sensitive sealed apart, with AES-GCM,
in `sensitive_answers`), and once submitted its due date and ledger entry.
`JourneyEvent` and `SatisfactionResponse` feed the performance figures: they
name a service, never a person or an application.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.privacy.fields import EncryptedJSONField, EncryptedTextField


class ApplicationStatus(models.TextChoices):
    # The names after "draft" are the workflow's (townhall/catalog/workflow.py)
    # and part of the public API.
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    INFO_REQUESTED = "info_requested", _("More information requested")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REFUSED = "refused", _("Refused")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SlaState(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OVERDUE = "overdue", _("Overdue")
    PAUSED = "paused", _("Paused")


CLOSED_STATUSES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.CLOSED,
    ApplicationStatus.WITHDRAWN,
)


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    ASSISTED = "assisted", _("Assisted by staff")


class ApplicationQuerySet(models.QuerySet["Application"]):
    def drafts(self) -> ApplicationQuerySet:
        return self.filter(status=ApplicationStatus.DRAFT)

    def submitted(self) -> ApplicationQuerySet:
        return self.exclude(status=ApplicationStatus.DRAFT)

    def for_applicant(self, user: Any) -> ApplicationQuerySet:
        return self.filter(applicant_id=user.pk)

    def for_service(self, slug: str) -> ApplicationQuerySet:
        return self.filter(service_slug=slug)

    def open(self) -> ApplicationQuerySet:
        """Submitted and not yet closed or withdrawn: the work still to do."""
        # "IN (true)" rather than "= true": Django writes the latter as a bare
        # column on SQLite, which then cannot seek the queue's index on it.
        return self.filter(is_open__in=[True])


class Application(models.Model):
    # What the sealed answers are bound to: it exists before the row is
    # inserted (unlike the primary key) and never changes.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    # Null only while an anonymous visitor's draft lives in their session.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    service_version = models.ForeignKey(
        "catalog.ServiceVersion",
        verbose_name=_("service version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A copy of service_version.slug, so queues and lists filter on one indexed column.
    service_slug = models.SlugField(_("service"), max_length=80, editable=False)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    sensitive_answers = EncryptedJSONField(_("sensitive answers"), bind_to="uid", default=dict)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=100, blank=True, default="", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    due_date = models.DateField(_("expected decision date"), null=True, blank=True)
    # The ledger entry of the submission: it names the receipt.
    submitted_ledger_index = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    # --- the back office ---
    # Computed by the database from the status, so that the queue's index can
    # start with it and be read in due-date order without sorting.
    is_open = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=CLOSED_STATUSES, then=models.Value(False)),
            default=models.Value(True),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    sla_state = models.CharField(
        _("time target"), max_length=20, choices=SlaState.choices, default=SlaState.ON_TRACK
    )
    # Set while the resident has to act (more information requested): the
    # working days until they answer are added to the due date.
    sla_paused_on = models.DateField(_("clock stopped on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The reasons and conditions are written to the resident and may say
    # things about them (income, health): sealed like sensitive answers.
    # Null until a decision: a column added to existing rows cannot be sealed
    # by a migration (privacy/fields.py), so it starts empty.
    decision_reason = EncryptedTextField(
        _("reasons for the decision"), bind_to="uid", null=True, blank=True, default=None
    )
    decision_conditions = EncryptedTextField(
        _("conditions"), bind_to="uid", null=True, blank=True, default=None
    )
    decision_ledger_index = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    # Assisted digital: the member of staff who filled it in with the resident.
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assisted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consent_note = models.CharField(
        _("how the resident agreed"), max_length=300, blank=True, default=""
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["applicant", "status"], name="cases_app_applicant_status"),
            models.Index(fields=["service_slug", "status"], name="cases_app_service_status"),
            # The work queue: open cases of some services, soonest due first.
            # Covering: every filter and sort of the queue is answered from
            # the index alone; the table is read only for the page shown.
            models.Index(
                fields=[
                    "service_slug",
                    "is_open",
                    "due_date",
                    "status",
                    "sla_state",
                    "assignee",
                    "submitted_at",
                ],
                name="cases_app_queue",
            ),
            # The same, for staff who handle every service.
            models.Index(
                fields=[
                    "is_open",
                    "due_date",
                    "service_slug",
                    "status",
                    "sla_state",
                    "assignee",
                    "submitted_at",
                ],
                name="cases_app_open_queue",
            ),
            models.Index(fields=["assignee", "status", "due_date"], name="cases_app_assignee"),
            models.Index(fields=["status", "due_date"], name="cases_app_status_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="cases_unique_idempotency_key_per_applicant",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    def all_answers(self) -> dict[str, Any]:
        """Every stored answer, sensitive ones included, as JSON values."""
        return {**(self.answers or {}), **(self.sensitive_answers or {})}

    def set_answers(self, answers: Mapping[str, Any], *, sensitive: frozenset[str]) -> None:
        """Store `answers`, sealing those whose ids are in `sensitive`."""
        self.answers = {k: v for k, v in answers.items() if k not in sensitive}
        self.sensitive_answers = {k: v for k, v in answers.items() if k in sensitive}


class ReferenceSequence(models.Model):
    """The last reference number given out for one prefix and year."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="cases_unique_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class DocumentType(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPG"
    PNG = "png", "PNG"


def document_path(instance: Document, filename: str) -> str:
    # A random name: the resident's own file name may say who they are.
    return f"applications/{instance.uid.hex[:2]}/{instance.uid.hex}.{instance.detected_type}"


class Document(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    question_id = models.CharField(_("question"), max_length=100)
    requirement_id = models.CharField(_("document"), max_length=100)
    original_name = models.CharField(_("file name"), max_length=255)
    detected_type = models.CharField(_("type"), max_length=10, choices=DocumentType.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def content_type(self) -> str:
        return {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}[
            self.detected_type
        ]

    def as_answer(self) -> dict[str, object]:
        """The document as a file question's answer (see docs/services.md)."""
        return {
            "name": self.original_name,
            "content_type": self.content_type,
            "size": self.size,
            "id": self.uid.hex,
        }


class JourneyEventKind(models.TextChoices):
    STARTED = "started", _("Started")
    PAGE_REACHED = "page_reached", _("Page reached")
    ELIGIBILITY_OUTCOME = "eligibility_outcome", _("Eligibility outcome")
    SUBMITTED = "submitted", _("Submitted")
    EXIT = "exit", _("Left")


class JourneyEvent(models.Model):
    """One step of one journey, for the performance figures. No personal data,
    not even which application or account it came from."""

    service_slug = models.SlugField(_("service"), max_length=80)
    kind = models.CharField(_("event"), max_length=30, choices=JourneyEventKind.choices)
    page_id = models.CharField(_("page"), max_length=100, blank=True, default="")
    outcome = models.CharField(_("outcome"), max_length=30, blank=True, default="")
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("journey event")
        verbose_name_plural = _("journey events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["service_slug", "kind"], name="cases_event_service_kind")]

    def __str__(self) -> str:
        return f"{self.service_slug} {self.kind} {self.page_id}".strip()


class SurveyContext(models.TextChoices):
    CONFIRMATION = "confirmation", _("After sending an application")
    EXIT = "exit", _("After leaving an application")


class SatisfactionResponse(models.Model):
    """An answer to "How satisfied were you with this service?", linked to no one."""

    COMMENT_MAX = 1200

    service_slug = models.SlugField(_("service"), max_length=80)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX, blank=True, default="")
    context = models.CharField(_("context"), max_length=20, choices=SurveyContext.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("satisfaction response")
        verbose_name_plural = _("satisfaction responses")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="cases_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_slug}: {self.score}"


# The back office's own models live beside these, split out to keep files short.
from townhall.cases.models_casework import (  # noqa: E402
    CaseMessage,
    CaseNote,
    CaseTransition,
    DecisionProposal,
    Team,
    TeamService,
)

__all__ = [
    "Application",
    "ApplicationStatus",
    "CaseMessage",
    "CaseNote",
    "CaseTransition",
    "Channel",
    "DecisionProposal",
    "Document",
    "JourneyEvent",
    "SatisfactionResponse",
    "SlaState",
    "Team",
    "TeamService",
]
