"""The access log: every time a member of staff opens a resident's case, document
or record, who they were (role and team), when, and why.

Residents read their own log in their account. Each entry is also appended to
the ledger (privacy/access.py) so that an entry removed behind the
application's back shows up in `townhall ledger verify`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessPurpose(models.TextChoices):
    CASE_WORK = "case_work", _("Handling your application")
    DOCUMENT = "document", _("Reading a document you sent")
    RECORD = "record", _("Reading a record about you")
    DECISION_CHECK = "decision_check", _("Checking a decision (second approval)")
    ASSISTED = "assisted", _("Helping you apply")


class AccessEntry(models.Model):
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        on_delete=models.CASCADE,
        related_name="access_entries",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member of staff"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Copied at the time: a later change of role or team must not rewrite history.
    role = models.CharField(_("role"), max_length=40)
    team = models.CharField(_("team"), max_length=120, blank=True, default="")
    purpose = models.CharField(_("purpose"), max_length=30, choices=AccessPurpose.choices)
    object_kind = models.CharField(_("what"), max_length=30)
    object_ref = models.CharField(_("which"), max_length=100)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    ledger_index = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject", "created_at"], name="privacy_access_subject")]

    def __str__(self) -> str:
        return f"{self.object_kind}:{self.object_ref} by {self.role}"
