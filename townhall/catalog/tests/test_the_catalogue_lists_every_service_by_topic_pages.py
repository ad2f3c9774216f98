"""/services/ lists every current service under its topic, and each topic has
a page of its own; a topic with no services is not found."""

from __future__ import annotations

import re

import pytest

from townhall.catalog.tests.catalogue import SLUGS, definition, publish, publish_one


@pytest.fixture
def catalogue(db, services):
    publish(services)


def links(html: str) -> list[str]:
    return re.findall(r'href="(/services/[^"]*)"', html)


def test_the_catalogue_lists_all_twelve_services(client, catalogue, services):
    response = client.get("/services/")

    assert response.status_code == 200
    html = response.content.decode()
    for slug in SLUGS:
        assert f"/services/{slug}/" in links(html), slug
        assert services[slug].title.en.replace("'", "&#x27;") in html
    assert len(SLUGS) == 12


def test_services_are_grouped_under_their_topic(client, catalogue):
    html = client.get("/services/").content.decode()

    headings = re.findall(r'<h2 class="govuk-heading-m"><a [^>]*href="([^"]+)">([^<]+)</a>', html)
    assert ("/services/topics/health/", "Health") in headings
    assert ("/services/topics/housing-and-building/", "Housing and building") in headings
    # Each topic's services follow its heading, before the next topic's.
    housing = html.index(">Housing and building<")
    after = html[housing:]
    following = after[: after.index("<h2", 5)] if "<h2" in after[5:] else after
    assert "/services/building-permit/" in following
    assert "/services/housing-assistance/" in following
    assert "/services/parking-permit/" not in following


def test_a_topic_page_lists_only_its_services(client, catalogue):
    response = client.get("/services/topics/streets-and-waste/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Streets and waste</h1>' in html
    found = {link for link in links(html) if link.count("/") == 3 and "/topics/" not in link}
    assert found == {"/services/bulky-waste/", "/services/report-a-problem/"}


def test_a_topic_without_services_is_not_found(client, catalogue):
    assert client.get("/services/topics/space-travel/").status_code == 404


def test_only_the_current_version_is_listed(client, catalogue):
    publish_one(definition(version=1, title="Register your hedgehogs"))
    publish_one(definition(version=2, title="Count your hedgehogs"))

    html = client.get("/services/").content.decode()
    assert links(html).count("/services/hedgehog-register/") == 1
    assert "Count your hedgehogs" in html
    assert "Register your hedgehogs" not in html
