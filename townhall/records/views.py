"""Staff pages: search records, read one, download it, approve destruction when due.

Residents have no records pages: every one of these answers 403 to them.
Reading a record from a resident's case is written to that resident's access
log (townhall.privacy), which also appends it to the ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from townhall.accounts.decorators import staff_required
from townhall.catalog.selectors import services_current
from townhall.privacy.access import access_record
from townhall.records import selectors
from townhall.records.forms import DestroyForm, RecordSearchForm
from townhall.records.models import Record
from townhall.records.services import RecordRejected, record_destroy


def records_reader(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff who handle cases or records: caseworkers, managers, administrators."""

    @staff_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.can_read_records(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _service_choices() -> list[tuple[str, str]]:
    titles = {service.slug: service.title for service in services_current()}
    return [(slug, titles.get(slug, slug)) for slug in selectors.record_services()]


@never_cache
@require_GET
@records_reader
def record_search(request: HttpRequest) -> HttpResponse:
    form = RecordSearchForm(request.GET or None, services=_service_choices())
    results = None
    query = ""
    if form.is_bound and form.is_valid():
        try:
            page = int(request.GET.get("page", "1"))
        except ValueError:
            page = 1
        results = selectors.records_search(filters=form.filters(), page=page)
        query = urlencode({k: v for k, v in form.cleaned_data.items() if v})
    return render(
        request,
        "records/search.html",
        {
            "form": form,
            "results": results,
            "query": query,
            "can_approve": request.user.has_role("manager")
            or request.user.has_role("administrator"),
        },
    )


def _record_or_404(uid: str) -> Record:
    record = selectors.record_get(uid=uid)
    if record is None:
        raise Http404
    return record


def _access_logged(request: HttpRequest, record: Record) -> None:
    application = record.application
    if application is None:
        return
    access_record(
        staff=request.user,
        subject=application.applicant,
        purpose="record",
        object_kind="record",
        object_ref=record.uid.hex,
    )


@never_cache
@require_GET
@records_reader
def record_detail(request: HttpRequest, uid: str) -> HttpResponse:
    record = _record_or_404(uid)
    if not record.is_destroyed:
        _access_logged(request, record)
    return render(request, "records/detail.html", {"record": record})


@never_cache
@require_GET
@records_reader
def record_download(request: HttpRequest, uid: str) -> FileResponse:
    record = _record_or_404(uid)
    if record.is_destroyed or not record.file:
        raise Http404
    try:
        handle = record.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    _access_logged(request, record)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=record.download_name,
        content_type=record.content_type,
    )
    return response


@never_cache
@require_GET
@staff_required(role="manager")
def retention_due(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "records/retention.html",
        {
            "due": selectors.records_due_for_destruction(),
            "total": selectors.records_due_count(),
        },
    )


@require_POST
@staff_required(role="manager")
def retention_destroy(request: HttpRequest) -> HttpResponse:
    form = DestroyForm(request.POST)
    record = selectors.record_get(uid=form.data.get("record", "")) if form.is_valid() else None
    if record is None:
        raise Http404
    try:
        record_destroy(record=record, approved_by=request.user)
    except RecordRejected as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Record %(id)s destroyed under rule %(rule)s.")
            % {"id": record.uid.hex[:8], "rule": record.record_type.rule},
        )
    return redirect("records:retention")
