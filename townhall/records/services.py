"""Writes to records: adding one, indexing case documents, destroying under a retention rule."""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.cases.models import Application, ApplicationStatus, Document
from townhall.ledger.services import ledger_append
from townhall.records import extraction
from townhall.records.models import Record, RecordType, TextSource

logger = logging.getLogger(__name__)

CASE_DOCUMENT_TYPE = "case-document"


class RecordRejected(ValueError):
    """A file that cannot become a record; the message says why."""


class RecordDuplicate(RecordRejected):
    def __init__(self, existing: Record) -> None:
        super().__init__(_("The same file is already stored as a record."))
        self.existing = existing


@dataclass(frozen=True)
class NewRecord:
    record: Record
    extracted: extraction.Extracted


def records_max_bytes() -> int:
    return int(settings.RECORDS_MAX_MB) * 1024 * 1024


def _title_from(name: str) -> str:
    base = re.split(r"[\\/]", name)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    return "".join(ch for ch in words if ch.isprintable())[:255]


def record_create(
    *,
    content: bytes,
    name: str,
    record_type: RecordType,
    title: str = "",
    service_slug: str = "",
) -> NewRecord:
    """Store a file as a record with its checksum, kind and text.

    RecordDuplicate if a kept record has the same SHA-256; RecordRejected for
    a file too large, empty or of a kind records do not keep. Nothing is
    stored unless the whole record is: a failure after the file is written
    removes it again.
    """
    if len(content) > records_max_bytes():
        raise RecordRejected(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.RECORDS_MAX_MB}
        )
    sha256 = hashlib.sha256(content).hexdigest()
    existing = Record.objects.kept().filter(sha256=sha256).first()
    if existing is not None:
        raise RecordDuplicate(existing)
    try:
        found = extraction.extract(content, ocr_languages=settings.RECORDS_OCR_LANGUAGES)
    except extraction.UnreadableFile as exc:
        raise RecordRejected(str(exc)) from None
    record = Record(
        uid=uuid.uuid4(),
        title=(title or _title_from(name))[:255],
        record_type=record_type,
        original_name=re.split(r"[\\/]", name)[-1][-255:],
        sha256=sha256,
        size=len(content),
        kind=found.kind,
        content_type=extraction.CONTENT_TYPES[found.kind],
        text=found.text,
        text_source=found.source,
        service_slug=service_slug,
        dispose_after=record_type.dispose_after(timezone.localdate()),
    )
    record.file.save("record", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            record.save()
    except BaseException:
        record.file.storage.delete(record.file.name)
        raise
    return NewRecord(record, found)


def records_case_documents_index(*, limit: int | None = None) -> int:
    """Make the documents of sent applications searchable; how many were added.

    The record names the case document's stored file, so nothing is copied;
    a document already indexed is left alone, so running this again is safe.
    Drafts are skipped: their documents may still change.
    """
    record_type = RecordType.objects.get(slug=CASE_DOCUMENT_TYPE)
    pending = (
        Document.objects.exclude(application__status=ApplicationStatus.DRAFT)
        .exclude(pk__in=Record.objects.filter(case_document__isnull=False).values("case_document"))
        .select_related("application")
        .order_by("pk")
    )
    if limit is not None:
        pending = pending[:limit]
    added = 0
    for document in pending:
        if _index_case_document(document, record_type):
            added += 1
    return added


def _index_case_document(document: Document, record_type: RecordType) -> bool:
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
    except OSError:
        logger.warning("Case document %s has no stored file; not indexed", document.uid)
        return False
    try:
        found = extraction.extract(content, ocr_languages=settings.RECORDS_OCR_LANGUAGES)
    except extraction.UnreadableFile:
        found = extraction.Extracted(document.detected_type, "", "none")
    application: Application = document.application
    created = application.submitted_at or document.uploaded_at
    with transaction.atomic():
        record = Record(
            title=_title_from(document.original_name),
            record_type=record_type,
            original_name=document.original_name,
            sha256=document.sha256,
            size=document.size,
            kind=found.kind,
            content_type=document.content_type,
            text=found.text,
            text_source=found.source,
            case_document=document,
            application=application,
            application_reference=application.reference,
            service_slug=application.service_slug,
            dispose_after=record_type.dispose_after(timezone.localdate(created)),
        )
        # The case's own stored file, named, not copied.
        record.file.name = document.file.name
        record.save()
    return True


def record_destroy(*, record: Record, approved_by: Any) -> Record:
    """Destroy a record that is due under its type's retention rule.

    The file and the text go; the row stays as a tombstone (type, checksum,
    dates, rule) and the ledger says what was destroyed, when and under which
    rule, never what it said. A case document's file is the case's own, so
    destroying the record destroys that file too: the rule covers it.
    """
    with transaction.atomic():
        locked = Record.objects.select_for_update().select_related("record_type").get(pk=record.pk)
        if locked.is_destroyed:
            raise RecordRejected(_("This record has already been destroyed."))
        today = timezone.localdate()
        if locked.dispose_after is None or locked.dispose_after > today:
            raise RecordRejected(_("This record is not yet due for destruction."))
        now = timezone.now()
        rule = locked.record_type.rule
        entry = ledger_append(
            kind="record.destroyed",
            subject=f"record:{locked.uid.hex}",
            payload={
                "type": locked.record_type.slug,
                "rule": rule,
                "created": locked.created.date().isoformat(),
                "dispose_after": locked.dispose_after.isoformat(),
                "destroyed_at": now.isoformat(),
                "sha256": locked.sha256,
            },
            actor=approved_by,
        )
        stored = locked.file.name
        storage = locked.file.storage
        locked.title = ""
        locked.original_name = ""
        locked.text = ""
        locked.text_source = TextSource.NONE
        locked.file.name = ""
        locked.destroyed_at = now
        locked.destroyed_by = approved_by
        locked.destruction_rule = rule
        locked.destruction_ledger_index = entry.index
        locked.save(
            update_fields=[
                "title",
                "original_name",
                "text",
                "text_source",
                "file",
                "destroyed_at",
                "destroyed_by",
                "destruction_rule",
                "destruction_ledger_index",
            ]
        )
        if stored:
            transaction.on_commit(lambda: _delete_file(storage, stored))
    return locked


def _delete_file(storage: Any, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.warning("Could not delete the destroyed record's file %s", name)
