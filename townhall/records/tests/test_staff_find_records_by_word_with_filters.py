"""Staff search finds records by their words (stemmed, prefixes too) and by
case reference, narrowed by service, case status and date, best match first,
with a snippet that marks the words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from townhall.records.models import Record
from townhall.records.selectors import SearchFilters, records_search
from townhall.records.services import record_create, records_case_documents_index
from townhall.records.tests.conftest import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(archive_type, resident, other_resident):
    def add(name: str, text: str) -> Record:
        return record_create(content=text.encode(), name=name, record_type=archive_type).record

    add("harbour.txt", "Harbour wall repairs after the winter storms of 1987.")
    add("library.txt", "The library extension opened in 1992 with a new reading room.")
    add("bridge.txt", "Inspection of the old stone bridge: cracks in two arches.")
    make_case(resident, "PP-2026-00042", b"Proof of address for a residents parking permit")
    make_case(
        other_resident,
        "TR-2026-00007",
        b"Payslip showing income for the tax return",
        slug="tax-return",
    )
    records_case_documents_index()


def titles(**filters) -> list[str]:
    page = records_search(filters=SearchFilters(**filters))
    return [hit.record.title for hit in page.hits]


def test_a_word_finds_the_record_that_holds_it(corpus):
    assert titles(words="bridge") == ["bridge"]
    assert titles(words="storms harbour") == ["harbour"]
    assert titles(words="arch") == ["bridge"]  # a word it begins
    assert titles(words="extensions") == ["library"]  # stemmed
    assert titles(words="submarine") == []


def test_the_words_are_marked_in_the_snippet(corpus):
    hit = records_search(filters=SearchFilters(words="reading room")).hits[0]
    assert "<mark>reading</mark> <mark>room</mark>" in hit.snippet


def test_markup_in_a_record_is_shown_as_text(archive_type):
    record_create(
        content=b"<script>alert(1)</script> sewer survey", name="x.txt", record_type=archive_type
    )
    hit = records_search(filters=SearchFilters(words="sewer")).hits[0]
    # SQLite's snippet escapes the tag; PostgreSQL's ts_headline drops it.
    assert "<script" not in hit.snippet and "alert(1)" in hit.snippet


def test_a_case_reference_finds_its_documents(corpus):
    page = records_search(filters=SearchFilters(words="PP-2026-00042"))
    assert [hit.record.application_reference for hit in page.hits] == ["PP-2026-00042"]


def test_filters_narrow_the_results(corpus):
    assert titles(words="proof", service="parking-permit") == ["proof of address"]
    assert titles(words="parking", service="tax-return") == []
    assert titles(service="tax-return") == ["proof of address"]
    assert titles(words="income", status="submitted") == ["proof of address"]
    assert titles(words="harbour", status="submitted") == []  # no case, no status
    today = timezone.localdate()
    assert titles(words="harbour", date_from=today, date_to=today) == ["harbour"]
    assert titles(words="harbour", date_from=today + timedelta(days=1)) == []
    assert titles(words="harbour", date_to=today - timedelta(days=1)) == []


def test_results_come_in_pages(archive_type):
    for i in range(25):
        record_create(
            content=f"Market stall licence number {i}".encode(),
            name=f"licence-{i}.txt",
            record_type=archive_type,
        )
    first = records_search(filters=SearchFilters(words="licence"), page=1)
    second = records_search(filters=SearchFilters(words="licence"), page=2)
    assert (first.total, first.pages, len(first.hits), len(second.hits)) == (25, 2, 20, 5)
    assert not {h.record.pk for h in first.hits} & {h.record.pk for h in second.hits}


def test_the_search_page_shows_title_type_reference_and_snippet(
    client, corpus, caseworker, signed_in
):
    signed_in(caseworker)
    response = client.get("/staff/records/", {"words": "parking", "service": "parking-permit"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 record found" in page
    assert "proof of address" in page and "Case document" in page
    assert "PP-2026-00042" in page and "<mark>parking</mark>" in page


def test_a_bad_date_range_is_explained_and_nothing_is_searched(client, caseworker, signed_in):
    signed_in(caseworker)
    response = client.get(
        "/staff/records/", {"words": "x", "date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "must be the same as or after" in page
    assert "found" not in page
    response = client.get("/staff/records/", {"date_from": "31/31/2026"})
    assert "Enter a real date, for example 2026-03-31" in response.content.decode()
