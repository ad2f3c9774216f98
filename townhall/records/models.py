"""Records: digitised documents with their text, and the retention rules they fall under.

A record is either imported (its file stored under `records/`) or a case
document made searchable, in which case it names the same stored file as the
cases Document: the file is never copied. Once destroyed under its retention
rule a record stays as a tombstone: type, checksum, dates and the rule, with
no file, title or text.

Full-text search is kept by the database itself (migration 0002): an FTS5
table on SQLite, a generated tsvector column with a GIN index on PostgreSQL.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordType(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # Both zero means the record is kept permanently (e.g. council minutes).
    retention_years = models.PositiveSmallIntegerField(_("retention in years"), default=0)
    retention_days = models.PositiveIntegerField(_("and days"), default=0)
    legal_basis = models.TextField(_("legal basis"), blank=True, default="")

    class Meta:
        verbose_name = _("record type")
        verbose_name_plural = _("record types")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_permanent(self) -> bool:
        return not (self.retention_years or self.retention_days)

    @property
    def rule(self) -> str:
        """How the rule is named in the ledger: stable, language-neutral."""
        if self.is_permanent:
            return f"{self.slug}:permanent"
        return f"{self.slug}:{self.retention_years}y{self.retention_days}d"

    def dispose_after(self, created: date) -> date | None:
        if self.is_permanent:
            return None
        years = created.year + self.retention_years
        # 29 February plus a number of years lands on 28 February, not in March.
        try:
            end = created.replace(year=years)
        except ValueError:
            end = created.replace(year=years, day=28)
        return end + timedelta(days=self.retention_days)


class TextSource(models.TextChoices):
    PDF = "pdf", _("PDF text")
    OCR = "ocr", _("Optical character recognition")
    TEXT = "text", _("Text file")
    NONE = "none", _("No text")


class RecordQuerySet(models.QuerySet["Record"]):
    def kept(self) -> RecordQuerySet:
        return self.filter(destroyed_at__isnull=True)

    def due_on(self, day: date) -> RecordQuerySet:
        return self.kept().filter(dispose_after__isnull=False, dispose_after__lte=day)


def record_path(instance: Record, filename: str) -> str:
    # A random name: an archive's file names may say who a record is about.
    extension = {"jpeg": "jpg", "text": "txt"}.get(instance.kind, instance.kind)
    return f"records/{instance.uid.hex[:2]}/{instance.uid.hex}.{extension}"


class Record(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=255, blank=True)
    record_type = models.ForeignKey(
        RecordType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="records"
    )
    file = models.FileField(_("file"), upload_to=record_path, max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    kind = models.CharField(_("kind"), max_length=10)
    content_type = models.CharField(_("content type"), max_length=100)
    text_source = models.CharField(
        _("text from"), max_length=10, choices=TextSource.choices, default=TextSource.NONE
    )
    # A case document made searchable: the same file, not a copy.
    case_document = models.OneToOneField(
        "cases.Document",
        verbose_name=_("case document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    application = models.ForeignKey(
        "cases.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Copies, so that search filters and the FTS index need no join.
    application_reference = models.CharField(_("case reference"), max_length=32, blank=True)
    service_slug = models.SlugField(_("service"), max_length=80, blank=True)
    created = models.DateTimeField(_("added"), auto_now_add=True, db_index=True)
    dispose_after = models.DateField(_("destroy after"), null=True, blank=True)
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destruction approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    destruction_rule = models.CharField(_("destroyed under"), max_length=100, blank=True)
    destruction_ledger_index = models.PositiveBigIntegerField(null=True, blank=True)
    # Last, so that SQLite reads every other column without walking the
    # overflow pages of a long text (search filters on the columns above).
    text = models.TextField(_("text"), blank=True, default="")

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["service_slug", "created"], name="records_service_created"),
            models.Index(fields=["dispose_after"], name="records_dispose_after"),
        ]

    def __str__(self) -> str:
        return self.title or self.uid.hex

    @property
    def is_destroyed(self) -> bool:
        return self.destroyed_at is not None

    @property
    def download_name(self) -> str:
        if self.original_name:
            return self.original_name
        extension = {"jpeg": "jpg", "text": "txt"}.get(self.kind, self.kind)
        return f"record-{self.uid.hex[:8]}.{extension}"
