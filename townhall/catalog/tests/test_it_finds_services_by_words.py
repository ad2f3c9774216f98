"""The catalogue's search finds current services by the words of their title,
summary and guidance (SQLite FTS5 or PostgreSQL full-text search), with a
count of results, and says so when nothing matches."""

from __future__ import annotations

import re

import pytest

from townhall.catalog.selectors import search_terms, services_search
from townhall.catalog.tests.catalogue import definition, publish, publish_one


@pytest.fixture
def catalogue(db, services):
    publish(services)


def found(query: str) -> list[str]:
    return [version.slug for version in services_search(query=query)]


def test_a_word_in_the_title_finds_the_service_first(catalogue):
    assert found("parking")[0] == "parking-permit"


def test_a_word_only_in_the_guidance_finds_the_service(catalogue):
    # "asbestos" appears only in the building permit's guidance.
    assert found("asbestos") == ["building-permit"]


def test_other_forms_and_beginnings_of_a_word_match(catalogue):
    assert "building-permit" in found("permits")
    assert "building-permit" in found("build")
    assert "pet-license" in found("dogs")


def test_every_word_must_match(catalogue):
    assert found("parking permit zone") == ["parking-permit"]
    assert found("asbestos parking") == []


def test_capitals_punctuation_and_small_words_do_not_matter(catalogue):
    assert found("How do I get a PARKING permit?")[0] == "parking-permit"
    assert search_terms("How do I get a PARKING permit?") == ["parking", "permit"]


def test_nonsense_and_empty_searches_find_nothing(catalogue):
    assert found("xylophone") == []
    assert found("!!! ???") == []
    assert found('"parking" OR * NEAR(') == found("parking near")


def test_an_older_version_is_not_found_and_a_new_one_is(catalogue):
    publish_one(definition(version=1, title="Register your hedgehogs"))
    assert found("hedgehog") == ["hedgehog-register"]

    publish_one(definition(version=2, title="Count your porcupines", intro="Porcupines too."))

    assert found("porcupine") == ["hedgehog-register"]
    assert found("register").count("hedgehog-register") == 0
    assert found("hedgehogs garden") == ["hedgehog-register"]  # still in its summary


def test_the_results_page_counts_what_it_found(client, catalogue):
    response = client.get("/services/", {"q": "asbestos"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "1 service found for ‘asbestos’" in html
    assert 'href="/services/building-permit/"' in html
    assert 'value="asbestos"' in html  # the search box keeps the words


def test_the_results_page_says_when_nothing_matches(client, catalogue):
    html = client.get("/services/", {"q": "xylophone"}).content.decode()

    assert "0 services found for ‘xylophone’" in html
    assert "There are no services that match your search." in html
    assert not re.search(r'href="/services/[a-z-]+/"', html.split("search-count")[1])


def test_the_words_searched_for_are_escaped(client, catalogue):
    html = client.get("/services/", {"q": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
