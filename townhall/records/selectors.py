"""Reads of records: staff search, one record, what retention says is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from townhall.catalog.selectors import search_terms
from townhall.records.models import Record, RecordType

READER_ROLES = ("caseworker", "manager", "administrator")
# Private-use characters mark a hit inside a snippet: they cannot occur in
# the escaped text, so they are swapped for <mark> after escaping.
_OPEN, _CLOSE = "\ue000", "\ue001"
SNIPPET_WORDS = 24


def can_read_records(user: Any) -> bool:
    return any(user.has_role(role) for role in READER_ROLES)


@dataclass(frozen=True)
class SearchFilters:
    words: str = ""
    service: str = ""
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Hit:
    record: Record
    snippet: SafeString


@dataclass(frozen=True)
class SearchPage:
    hits: list[Hit]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def records_search(*, filters: SearchFilters, page: int = 1, per_page: int = 20) -> SearchPage:
    """Kept records matching every word (or a word it begins) and every filter.

    With words: best match first (BM25 on SQLite, ts_rank on PostgreSQL),
    each with a snippet around the words. Without: newest first.
    """
    page = max(1, page)
    terms = search_terms(filters.words)
    where, params = _filter_sql(filters)
    join = _join(filters)
    offset = (page - 1) * per_page
    if not terms:
        ids, total = _newest(join, where, params, per_page, offset)
        snippets: dict[int, str] = {}
    elif connection.vendor == "sqlite":
        ids, total, snippets = _search_sqlite(terms, join, where, params, per_page, offset)
    else:
        ids, total, snippets = _search_postgresql(terms, join, where, params, per_page, offset)
    found = Record.objects.select_related("record_type", "application").in_bulk(ids)
    hits = [
        Hit(found[pk], _snippet_html(snippets.get(pk) or found[pk].text[:200]))
        for pk in ids
        if pk in found
    ]
    return SearchPage(hits=hits, total=total, page=page, per_page=per_page)


def _join(filters: SearchFilters) -> str:
    # Only a status filter needs the case; without the join PostgreSQL's
    # planner keeps to the GIN index instead of scanning every record.
    if filters.status:
        return " LEFT JOIN cases_application a ON a.id = r.application_id"
    return ""


def _filter_sql(filters: SearchFilters) -> tuple[list[str], list[Any]]:
    where = ["r.destroyed_at IS NULL"]
    params: list[Any] = []
    if filters.service:
        where.append("r.service_slug = %s")
        params.append(filters.service)
    if filters.status:
        where.append("a.status = %s")
        params.append(filters.status)
    if filters.date_from:
        where.append("r.created >= %s")
        params.append(_start_of(filters.date_from))
    if filters.date_to:
        where.append("r.created < %s")
        params.append(_start_of(filters.date_to + timedelta(days=1)))
    return where, params


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _newest(
    join: str, where: list[str], params: list[Any], limit: int, offset: int
) -> tuple[list[int], int]:
    condition = " AND ".join(where)
    source = f" FROM records_record r{join}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*){source} WHERE {condition}", params)  # noqa: S608
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT r.id{source} WHERE {condition} ORDER BY r.created DESC, r.id DESC"  # noqa: S608
            " LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return ids, total


_SNIPPETS = (
    "SELECT rowid, snippet(records_recordsearch, 1, %s, %s, '…', %s)"
    " FROM records_recordsearch WHERE records_recordsearch MATCH %s"
)


def _search_sqlite(
    terms: list[str], join: str, where: list[str], params: list[Any], limit: int, offset: int
) -> tuple[list[int], int, dict[int, str]]:
    # Each term holds letters and digits only; quoted, and made a prefix.
    match = " ".join(f'"{term}"*' for term in terms)
    condition = " AND ".join(["records_recordsearch MATCH %s", *where])
    # CROSS JOIN makes SQLite walk the full-text matches first and look each
    # record up by id; left to itself it may walk a filter's index and run
    # the MATCH once per record of the service, a hundred times slower.
    source = (
        " FROM records_recordsearch CROSS JOIN records_record r"
        f" ON r.id = records_recordsearch.rowid{join}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*){source} WHERE {condition}", [match, *params])  # noqa: S608
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT r.id{source} WHERE {condition}"  # noqa: S608
            " ORDER BY bm25(records_recordsearch, 10.0, 1.0, 10.0), r.id DESC LIMIT %s OFFSET %s",
            [match, *params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
        snippets: dict[int, str] = {}
        if ids:
            # Only for the page's rows: a snippet costs a pass over the text.
            marks = ", ".join(["%s"] * len(ids))
            sql = f"{_SNIPPETS} AND rowid IN ({marks})"  # noqa: S608 - placeholders only
            cursor.execute(sql, [_OPEN, _CLOSE, SNIPPET_WORDS, match, *ids])
            snippets = dict(cursor.fetchall())
    return ids, total, snippets


def _search_postgresql(
    terms: list[str], join: str, where: list[str], params: list[Any], limit: int, offset: int
) -> tuple[list[int], int, dict[int, str]]:
    query = " & ".join(f"{term}:*" for term in terms)
    tsquery = "to_tsquery('english'::regconfig, %s)"
    condition = " AND ".join([f"r.search_vector @@ {tsquery}", *where])
    source = f" FROM records_record r{join}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*){source} WHERE {condition}", [query, *params])  # noqa: S608
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT r.id{source} WHERE {condition}"  # noqa: S608
            f" ORDER BY ts_rank(r.search_vector, {tsquery}) DESC, r.id DESC LIMIT %s OFFSET %s",
            [query, *params, query, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
        snippets: dict[int, str] = {}
        if ids:
            options = f"StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=8"
            cursor.execute(
                "SELECT r.id, ts_headline('english'::regconfig, r.text, q, %s)"
                " FROM records_record r, to_tsquery('english'::regconfig, %s) q"
                " WHERE r.id = ANY(%s)",
                [options, query, ids],
            )
            snippets = dict(cursor.fetchall())
    return ids, total, snippets


def _snippet_html(text: str) -> SafeString:
    escaped = str(escape(" ".join(text.split())))
    # Built from escaped text and two fixed tags only.
    return mark_safe(  # noqa: S308
        escaped.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    )


def record_get(*, uid: str) -> Record | None:
    """A kept or destroyed record by its public id (32 hex digits)."""
    if not isinstance(uid, str) or len(uid) != 32:
        return None
    try:
        int(uid, 16)
    except ValueError:
        return None
    return (
        Record.objects.select_related("record_type", "application", "application__applicant")
        .filter(uid=uid)
        .first()
    )


def records_due_for_destruction(*, on: date | None = None, limit: int = 500) -> list[Record]:
    """Kept records whose retention ended on or before `on` (today), oldest due first."""
    day = on or timezone.localdate()
    return list(
        Record.objects.due_on(day)
        .select_related("record_type")
        .order_by("dispose_after", "pk")[:limit]
    )


def records_due_count(*, on: date | None = None) -> int:
    return Record.objects.due_on(on or timezone.localdate()).count()


def record_types() -> list[RecordType]:
    return list(RecordType.objects.order_by("name"))


def record_services() -> list[str]:
    """The services that kept records name, for the search filter."""
    return list(
        Record.objects.kept()
        .exclude(service_slug="")
        .order_by("service_slug")
        .values_list("service_slug", flat=True)
        .distinct()
    )
