"""Administrators edit a service's YAML in the admin. A bad definition is
refused with its line and reason and stores nothing; a good one is published
as a new, higher version (with its ledger entry); a stored version never
changes and cannot be deleted."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from townhall.catalog.models import ServiceVersion
from townhall.catalog.tests.catalogue import definition, publish_one
from townhall.ledger.models import Entry

ADD = "/admin/catalog/serviceversion/add/"
SLUG = "hedgehog-register"


@pytest.fixture
def stored(db) -> ServiceVersion:
    return publish_one(definition(version=1, sla_days=5))


@pytest.fixture
def admin_client(signed_in, admin_user):
    return signed_in(admin_user)


def change_url(version: ServiceVersion) -> str:
    return f"/admin/catalog/serviceversion/{version.pk}/change/"


def errors(response) -> list[str]:
    page = response.content.decode()
    lists = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', page, re.S)
    return [
        html_lib.unescape(item) for found in lists for item in re.findall(r"<li>(.*?)</li>", found)
    ]


def test_a_bad_definition_is_refused_with_its_line_and_reason(admin_client, stored):
    source = definition(version=2).replace("sla_days: 5", "sla_days: soon")
    line = source.splitlines().index("sla_days: soon") + 1

    response = admin_client.post(ADD, {"source": source})

    assert response.status_code == 200
    [message] = errors(response)
    assert message.startswith(f"Line {line}: sla_days"), message
    assert ServiceVersion.objects.count() == 1


def test_every_mistake_is_listed_with_its_line(admin_client, stored):
    source = definition(version=2).replace("assurance: low", "assurance: middling")
    source = source.replace("type: number", "type: numeral")

    messages = errors(admin_client.post(ADD, {"source": source}))

    lines = [source.splitlines().index(text) + 1 for text in ("assurance: middling",)]
    assert any(message.startswith(f"Line {lines[0]}: assurance") for message in messages)
    assert any("numeral" in message for message in messages), messages


def test_broken_yaml_is_refused_with_its_line(admin_client, stored):
    response = admin_client.post(ADD, {"source": "slug: x\nversion: 1\ntitle: [unclosed\n"})

    assert response.status_code == 200
    assert any(re.match(r"Line [34]: ", message) for message in errors(response)), errors(response)
    assert ServiceVersion.objects.count() == 1


def test_a_good_definition_is_published_as_the_new_current_version(admin_client, stored):
    entries = Entry.objects.count()
    source = definition(version=2, title="Count your hedgehogs")

    response = admin_client.post(ADD, {"source": source.replace("\n", "\r\n")})

    new = ServiceVersion.objects.get(slug=SLUG, version=2)
    assert response.status_code == 302
    assert response["Location"] == change_url(new)
    assert new.is_current
    assert new.source == source
    stored.refresh_from_db()
    assert not stored.is_current
    assert stored.source == definition(version=1, sla_days=5)
    assert Entry.objects.count() == entries + 1
    page = admin_client.get(f"/services/{SLUG}/").content.decode()
    assert "Count your hedgehogs</h1>" in page


def test_a_new_service_can_be_added(admin_client, db):
    response = admin_client.post(ADD, {"source": definition(slug="bee-register")})

    assert response.status_code == 302
    assert ServiceVersion.objects.get(slug="bee-register").is_current


def test_editing_a_stored_version_publishes_a_new_one(admin_client, stored):
    page = admin_client.get(change_url(stored))
    response = admin_client.post(change_url(stored), {"source": definition(version=2, sla_days=3)})

    assert page.status_code == 200
    assert "sla_days: 5" in page.content.decode()
    assert response.status_code == 302
    stored.refresh_from_db()
    assert (stored.version, "sla_days: 5" in stored.source) == (1, True)
    new = ServiceVersion.objects.get(slug=SLUG, is_current=True)
    assert (new.version, "sla_days: 3" in new.source) == (2, True)
    assert "within 3 working days" in admin_client.get(f"/services/{SLUG}/").content.decode()


def test_the_version_number_must_go_up(admin_client, stored):
    response = admin_client.post(change_url(stored), {"source": definition(version=1, sla_days=3)})

    assert errors(response) == [
        f"Version 1 of {SLUG} is already published. Raise the version number to 2 or more"
    ]
    assert ServiceVersion.objects.filter(slug=SLUG).count() == 1


def test_the_slug_of_a_stored_service_stays(admin_client, stored):
    response = admin_client.post(
        change_url(stored), {"source": definition(slug="hedgehog-count", version=2)}
    )

    [message] = errors(response)
    assert message.startswith(f"The slug must stay {SLUG}")
    assert not ServiceVersion.objects.filter(slug="hedgehog-count").exists()


def test_the_list_shows_slug_version_title_and_current(admin_client, stored):
    page = admin_client.get("/admin/catalog/serviceversion/").content.decode()

    assert SLUG in page
    assert "Register your hedgehogs" in page
    assert "field-is_current" in page
    assert "field-version" in page


def test_versions_cannot_be_deleted(admin_client, stored):
    response = admin_client.post(
        f"/admin/catalog/serviceversion/{stored.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert ServiceVersion.objects.filter(pk=stored.pk).exists()


def test_a_caseworker_cannot_edit_definitions(signed_in, caseworker, stored):
    client = signed_in(caseworker)

    response = client.post(ADD, {"source": definition(version=2)})

    assert response.status_code in (302, 403)
    assert not ServiceVersion.objects.filter(slug=SLUG, version=2).exists()
