"""The pages bench/page_throughput_bench.py holds to half the speed of a bare
view make only the queries they need: the service's current version, and for
a signed-in person their session and account, and their application. The
layout adds none (a resident's header does not look up staff roles)."""

from __future__ import annotations

import pytest

from townhall.catalog.services import service_definitions_load
from townhall.catalog.views import start_pages_forget

START = "/services/building-permit/"


@pytest.fixture
def catalogue(db):
    service_definitions_load()
    start_pages_forget()


def test_a_start_page_drawn_afresh_makes_one_query(client, catalogue, django_assert_num_queries):
    client.get(f"{START}?fresh=1")  # parses the definition, fills the caches

    with django_assert_num_queries(1):
        page = client.get(f"{START}?fresh=1")

    assert "govuk-button--start" in page.content.decode()


def test_a_signed_in_start_page_adds_the_session_and_account(
    client, resident, catalogue, django_assert_num_queries
):
    client.force_login(resident)
    client.get(START)

    with django_assert_num_queries(3):
        page = client.get(START)

    assert "Sign out" in page.content.decode()


def test_a_question_page_reads_session_account_and_application(
    client, resident, catalogue, django_assert_num_queries
):
    client.force_login(resident)
    first_page = client.get(f"{START}apply/")["Location"]
    client.get(first_page)  # the first visit is counted, once

    with django_assert_num_queries(3):
        page = client.get(first_page)

    assert 'name="applicant_name"' in page.content.decode()
