"""A start page as every visitor without a session sees it is kept, as HTML,
for a few seconds in each process: it is served without touching the
database, and a newly published version shows once that time is up (at once
where it was published). Signed-in visitors always get their own page."""

from __future__ import annotations

import pytest
from django.test import Client

from townhall.catalog import views
from townhall.catalog.definition import parse_service
from townhall.catalog.services import service_version_publish
from townhall.catalog.tests.catalogue import definition, publish_one

PAGE = "/services/hedgehog-register/"


@pytest.fixture
def catalogue(db):
    publish_one(definition(version=1, title="Register your hedgehogs"))


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(views.time, "monotonic", lambda: now[0])
    return now


def test_a_kept_page_is_served_without_the_database(
    client, catalogue, clock, django_assert_num_queries
):
    first = client.get(PAGE)

    with django_assert_num_queries(0):
        again = client.get(PAGE)

    assert again.content == first.content
    assert again["Content-Type"] == "text/html; charset=utf-8"
    assert "Cookie" in again["Vary"]


def test_a_new_version_shows_when_the_time_is_up(client, catalogue, clock):
    client.get(PAGE)
    service_version_publish(service=parse_service(definition(version=2, title="Count them")))

    assert "Register your hedgehogs</h1>" in client.get(PAGE).content.decode()
    clock[0] += views.START_PAGE_SECONDS + 0.1
    assert "Count them</h1>" in client.get(PAGE).content.decode()


def test_each_language_has_its_own_copy(client, catalogue, clock):
    client.get(PAGE)
    client.cookies["townhall_language"] = "es"

    assert '<html lang="es"' in client.get(PAGE).content.decode()


def test_signed_in_visitors_get_their_own_page(signed_in, resident, catalogue, clock):
    anonymous = Client()
    anonymous.get(PAGE)

    html = signed_in(resident).get(PAGE).content.decode()

    assert "Sign out" in html
    assert "Sign out" not in anonymous.get(PAGE).content.decode()


def test_an_address_with_a_query_string_is_not_kept(client, catalogue, clock):
    client.get(PAGE)

    assert (
        "next=/services/hedgehog-register/%3Futm%3Dx"
        in client.get(PAGE + "?utm=x").content.decode()
    )
    assert ("hedgehog-register", "en") in views._START_HTML
    assert len(views._START_HTML) == 1
