"""Writes to applications: start, save answers, add documents, submit; and the
anonymous journey figures (events and the satisfaction survey).

Each function takes keyword arguments only and runs in one transaction. Bad
input raises an `ApplicationError` (its `message` says what is wrong in words
a resident understands) and changes nothing.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.cases import journey
from townhall.cases.filetypes import CONTENT_TYPES, HEAD_BYTES, detect_type
from townhall.cases.i18n import message_text, recipient_language
from townhall.cases.models import (
    Application,
    ApplicationStatus,
    Channel,
    Document,
    JourneyEvent,
    JourneyEventKind,
    ReferenceSequence,
    SatisfactionResponse,
    SurveyContext,
)
from townhall.cases.sla import due_date_from
from townhall.catalog.definition import Message, Service, clean_answer
from townhall.catalog.models import ServiceVersion
from townhall.catalog.selectors import service_spec
from townhall.ledger.services import ledger_append
from townhall.notify.services import notification_queue

logger = logging.getLogger(__name__)

IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,100}")
DEFAULT_UPLOAD_MAX_MB = 20


class ApplicationError(Exception):
    """A change refused, with the reason in words for the resident."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class ApplicationNotDraft(ApplicationError):
    """The application was already submitted, so it cannot change."""


class ApplicationAlreadySubmitted(ApplicationNotDraft):
    """A second, different submission of an application already submitted."""


class IdempotencyKeyReused(ApplicationError):
    """The key was already used to submit another application."""


class AnswersRejected(ApplicationError):
    """Some answers are wrong or missing; `errors` gives the message of each field."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(_("Some answers are missing or wrong"))


class DocumentRejected(ApplicationError):
    """An upload refused (type, size, number of files); nothing was stored."""


def upload_max_bytes() -> int:
    """The largest file any service accepts (TOWNHALL_UPLOAD_MAX_MB), in bytes."""
    return int(getattr(settings, "UPLOAD_MAX_MB", DEFAULT_UPLOAD_MAX_MB)) * 1024 * 1024


# --- references -------------------------------------------------------------


def reference_prefix() -> str:
    """The first three letters of the city's name, in capitals: RIV for Riverside."""
    plain = unicodedata.normalize("NFKD", settings.CITY_NAME)
    letters = "".join(ch for ch in plain if ch.isascii() and ch.isalnum())
    return letters[:3].upper() or "APP"


def _reference_allocate() -> str:
    """The next reference of this year, like RIV-2026-000123.

    Safe under concurrency: the increment is one UPDATE, which takes the row's
    lock until the caller's transaction ends (PostgreSQL); SQLite's IMMEDIATE
    transactions (see settings) already let one writer in at a time. Two
    processes creating the year's row at once: the loser's INSERT fails on the
    unique constraint inside get_or_create's savepoint, and it reads the row.
    """
    prefix, year = reference_prefix(), timezone.localdate().year
    sequence, _created = ReferenceSequence.objects.get_or_create(prefix=prefix, year=year)
    ReferenceSequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
    number = ReferenceSequence.objects.values_list("last", flat=True).get(pk=sequence.pk)
    return f"{prefix}-{year}-{number:06d}"


# --- applications -----------------------------------------------------------


@transaction.atomic
def application_start(
    *,
    service_version: ServiceVersion,
    applicant: Any = None,
    channel: str = Channel.ONLINE,
    answers: Mapping[str, Any] | None = None,
) -> Application:
    """A new draft (answers as JSON, already checked by the caller)."""
    service = service_spec(service_version)
    application = Application(
        reference=_reference_allocate(),
        applicant=applicant if applicant is not None and applicant.is_authenticated else None,
        service_version=service_version,
        service_slug=service_version.slug,
        channel=channel,
    )
    application.set_answers(dict(answers or {}), sensitive=service.sensitive_answers())
    application.save()
    journey_event_record(
        service_slug=service_version.slug, kind=JourneyEventKind.STARTED, channel=channel
    )
    return application


def _locked_draft(application: Application) -> Application:
    locked = Application.objects.select_for_update(of=("self",))
    fresh = locked.select_related("service_version").get(pk=application.pk)
    if not fresh.is_draft:
        raise ApplicationNotDraft(
            _("You have already sent this application, so its answers cannot change.")
        )
    return fresh


@transaction.atomic
def application_answers_save(
    *,
    application: Application,
    answers: Mapping[str, Any],
    remove: Iterable[str] = (),
) -> Application:
    """Merge answers (JSON values, checked by the caller) into a draft; drop `remove`."""
    fresh = _locked_draft(application)
    service = service_spec(fresh.service_version)
    merged = fresh.all_answers()
    for key in remove:
        merged.pop(key, None)
    merged.update(answers)
    fresh.set_answers(merged, sensitive=service.sensitive_answers())
    fresh.save(update_fields=["answers", "sensitive_answers", "updated_at"])
    return fresh


@transaction.atomic
def application_claim(*, application: Application, user: Any) -> Application:
    """Give an anonymous draft (kept in a visitor's session) to the account they signed in to."""
    fresh = Application.objects.select_for_update().get(pk=application.pk)
    if fresh.applicant_id is None and fresh.is_draft:
        fresh.applicant = user
        fresh.save(update_fields=["applicant", "updated_at"])
    return fresh


def _file_question(service: Service, question_id: str) -> Any:
    question = next((q for q in service.questions() if q.id == question_id), None)
    if question is None or question.type != "file":
        raise DocumentRejected(_("This question does not take a file"))
    return question


def _upload_check(service: Service, question: Any, upload: UploadedFile) -> tuple[str, int]:
    """The detected type and size of an acceptable upload, else DocumentRejected."""
    size = upload.size or 0
    requirement = service.document(str(question.document))
    limit = min(requirement.max_bytes, upload_max_bytes())
    if size == 0:
        raise DocumentRejected(_("The selected file is empty"))
    if size > limit:
        raise DocumentRejected(
            _("The selected file must be smaller than %(max)s MB") % {"max": limit // 2**20}
        )
    upload.seek(0)
    kind = detect_type(upload.read(HEAD_BYTES))
    upload.seek(0)
    # The catalogue's own check words the errors (and a definition's own
    # wording of them); it is given the type read from the content, never the
    # browser's claim or the file's name.
    entry = {
        "name": "file",
        "content_type": CONTENT_TYPES.get(kind or "", "application/octet-stream"),
        "size": size,
    }
    _value, problems = clean_answer(question, [entry], service=service)
    if problems or kind is None:
        first = next(iter(problems.values()), None)
        raise DocumentRejected(message_text(first) if first else _("The file type is not allowed"))
    return kind, size


def _too_many(service: Service, question: Any, files: list[dict[str, Any]]) -> None:
    _value, problems = clean_answer(question, files, service=service)
    first = next(iter(problems.values()), None)
    raise DocumentRejected(message_text(first) if first else _("You cannot upload more files"))


def _clean_name(name: str) -> str:
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[-200:] or "file"


def _delete_files_after_commit(names: list[str], storage: Any) -> None:
    def delete() -> None:
        for name in names:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not delete the stored document %s", name)

    transaction.on_commit(delete)


def application_document_add(
    *, application: Application, question_id: str, upload: UploadedFile
) -> Document:
    """Store one upload as the answer (or one of the answers) to a file question.

    The type is read from the file's first bytes and the size from its
    content; a rejected file raises DocumentRejected and nothing is stored.
    A question that takes one file gets the new file in place of the old.
    """
    service = service_spec(application.service_version)
    question = _file_question(service, question_id)
    if not application.is_draft:
        raise ApplicationNotDraft(_("You have already sent this application."))
    kind, size = _upload_check(service, question, upload)
    already = list(application.all_answers().get(question.id) or [])
    if question.max_files > 1 and len(already) >= question.max_files:
        _too_many(service, question, [*already, {"name": "file", "content_type": "", "size": 0}])
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = Document(
        uid=uuid.uuid4(),
        application=application,
        question_id=question.id,
        requirement_id=str(question.document),
        original_name=_clean_name(upload.name or ""),
        detected_type=kind,
        size=size,
        sha256=digest.hexdigest(),
    )
    # The file goes to storage first, then the row and the answer in one
    # transaction; if that fails the file is removed again, so no file is
    # left that no row names.
    document.file.save("upload", upload, save=False)
    try:
        with transaction.atomic():
            fresh = _locked_draft(application)
            files = list(fresh.all_answers().get(question.id) or [])
            replaced: list[Document] = []
            if question.max_files == 1 and files:
                ids = {entry.get("id") for entry in files}
                replaced = [d for d in fresh.documents.all() if d.uid.hex in ids]
                files = []
            elif len(files) >= question.max_files:
                _too_many(service, question, [*files, document.as_answer()])
            document.application = fresh
            document.save()
            for old in replaced:
                _delete_files_after_commit([old.file.name], old.file.storage)
                old.delete()
            application_answers_save(
                application=fresh, answers={question.id: [*files, document.as_answer()]}
            )
    except BaseException:
        document.file.storage.delete(document.file.name)
        raise
    return document


@transaction.atomic
def application_document_remove(*, application: Application, document_uid: str) -> None:
    """Take a document off a draft: its row and answer now, its file after commit."""
    fresh = _locked_draft(application)
    document = next((d for d in fresh.documents.all() if d.uid.hex == document_uid), None)
    if document is None:
        return
    files = [
        entry
        for entry in fresh.all_answers().get(document.question_id) or []
        if entry.get("id") != document_uid
    ]
    _delete_files_after_commit([document.file.name], document.file.storage)
    document.delete()
    if files:
        application_answers_save(application=fresh, answers={document.question_id: files})
    else:
        application_answers_save(application=fresh, answers={}, remove=[document.question_id])


def _documents_check(
    service: Service, values: Mapping[str, Any], documents: list[Document]
) -> tuple[dict[str, str], list[Document]]:
    """Errors for file answers that name no document of this application, and
    the documents no answer names any more (a question hidden since)."""
    by_id = {document.uid.hex: document for document in documents}
    errors: dict[str, str] = {}
    kept: set[str] = set()
    for question in journey.file_questions(service):
        for entry in values.get(question.id) or []:
            if entry.get("id") not in by_id:
                errors[question.id] = _("Upload the file again")
            kept.add(str(entry.get("id")))
    return errors, [document for document in documents if document.uid.hex not in kept]


def application_submit(
    *, application: Application, idempotency_key: str, actor: Any = None
) -> Application:
    """Submit a draft: check every answer, set the due date, append case.submitted.

    A repeat with the same key (a double click, a retry) returns the same
    submitted application and writes nothing. A submission of an application
    already submitted under another key raises ApplicationAlreadySubmitted; a
    key already used for another application raises IdempotencyKeyReused.
    """
    if not isinstance(idempotency_key, str) or not IDEMPOTENCY_KEY.fullmatch(idempotency_key):
        raise ApplicationError(
            _("The idempotency key must be 1 to 100 visible characters, without spaces")
        )
    try:
        return _submit(application=application, idempotency_key=idempotency_key)
    except IntegrityError:
        # Two different applications raced to claim the same key: the loser
        # finds the winner's now.
        raise IdempotencyKeyReused(
            _("This idempotency key was already used to send another application")
        ) from None


@transaction.atomic
def _submit(*, application: Application, idempotency_key: str) -> Application:
    locked = (
        # of=self: lock the application only, not the service version it joins.
        Application.objects.select_for_update(of=("self",))
        .select_related("service_version")
        .get(pk=application.pk)
    )
    if locked.applicant_id is None:
        raise ApplicationError(_("Sign in or create an account before you send your application"))
    if not locked.is_draft:
        if locked.idempotency_key == idempotency_key:
            return locked
        raise ApplicationAlreadySubmitted(
            _("You have already sent this application. Its reference is %(reference)s.")
            % {"reference": locked.reference}
        )
    used = (
        Application.objects.for_applicant(locked.applicant)
        .filter(idempotency_key=idempotency_key)
        .exclude(pk=locked.pk)
        .exists()
    )
    if used:
        raise IdempotencyKeyReused(
            _("This idempotency key was already used to send another application")
        )
    service = service_spec(locked.service_version)
    today = timezone.localdate()
    checked = journey.check_stored(service, locked.all_answers(), today=today)
    documents = list(locked.documents.all())
    document_errors, unused = _documents_check(service, checked.values, documents)
    errors = {key: message_text(message) for key, message in checked.errors.items()}
    errors.update(document_errors)
    if errors:
        raise AnswersRejected(errors)

    # Only the answers to questions shown are kept (data minimisation).
    locked.set_answers(
        {key: journey.to_json(value) for key, value in checked.values.items()},
        sensitive=service.sensitive_answers(),
    )
    locked.status = ApplicationStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.due_date = due_date_from(today, service.sla_days)
    locked.idempotency_key = idempotency_key
    # The entry is public for ever: the reference, the service and its
    # version only. No actor either: a resident's pseudonym next to the
    # service they applied for (health cover, housing help) would itself
    # say something about them.
    entry = ledger_append(
        kind="case.submitted",
        subject=f"application:{locked.reference}",
        payload={
            "reference": locked.reference,
            "service": locked.service_slug,
            "version": locked.service_version.version,
        },
        actor=None,
    )
    locked.submitted_ledger_index = entry.index
    locked.save(
        update_fields=[
            "answers",
            "sensitive_answers",
            "status",
            "submitted_at",
            "due_date",
            "idempotency_key",
            "submitted_ledger_index",
            "updated_at",
        ]
    )
    for document in unused:
        _delete_files_after_commit([document.file.name], document.file.storage)
        document.delete()
    journey_event_record(
        service_slug=locked.service_slug, kind=JourneyEventKind.SUBMITTED, channel=locked.channel
    )
    notification_queue(
        event="application_received",
        key=f"application_received:{locked.reference}",
        recipient=locked.applicant,
        context={
            "reference": locked.reference,
            "service_title": service.title.get(recipient_language(locked.applicant)),
            "status_label": str(ApplicationStatus.SUBMITTED.label),
            "due_date": locked.due_date.isoformat(),
        },
        url=reverse("cases:application-detail", kwargs={"reference": locked.reference}),
    )
    return locked


# --- journey figures ----------------------------------------------------------


@transaction.atomic
def journey_event_record(
    *,
    service_slug: str,
    kind: str,
    page_id: str = "",
    outcome: str = "",
    channel: str = Channel.ONLINE,
) -> JourneyEvent:
    """One step of a journey. Takes no person, application or answer on purpose."""
    if kind not in JourneyEventKind.values:
        raise ValueError(f"unknown journey event {kind!r}")
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    return JourneyEvent.objects.create(
        service_slug=service_slug,
        kind=kind,
        page_id=page_id[:100],
        outcome=outcome[:30],
        channel=channel,
    )


@transaction.atomic
def satisfaction_record(
    *, service_slug: str, score: int, comment: str = "", context: str
) -> SatisfactionResponse:
    """An answer to the one-question survey, linked to no one."""
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ApplicationError(_("Select how satisfied you were with this service"))
    comment = (comment or "").strip()
    if len(comment) > SatisfactionResponse.COMMENT_MAX:
        raise ApplicationError(
            _("Your comments must be %(max)s characters or less")
            % {"max": SatisfactionResponse.COMMENT_MAX}
        )
    if context not in SurveyContext.values:
        raise ValueError(f"unknown survey context {context!r}")
    return SatisfactionResponse.objects.create(
        service_slug=service_slug, score=score, comment=comment, context=context
    )


def answers_rejected_from(errors: Mapping[str, Message | str]) -> AnswersRejected:
    return AnswersRejected({key: message_text(message) for key, message in errors.items()})
