"""The layout's cached fragments and the language switcher drawn once per
language still give each page its own language, its own address to come back
to, and its own current link."""

from __future__ import annotations

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def empty_fragments():
    caches["template_fragments"].clear()


def test_each_language_gets_its_own_header_and_footer(client, db):
    english = client.get("/privacy/").content.decode()
    client.cookies["townhall_language"] = "es"
    spanish = client.get("/privacy/").content.decode()

    assert "Privacy notice" in english and "Skip to main content" in english
    assert '<html lang="es"' in spanish
    assert "Aviso de privacidad" in spanish
    assert "Privacy notice" not in spanish and "Skip to main content" not in spanish


def test_the_language_links_come_back_to_each_page(client, db):
    privacy = client.get("/privacy/").content.decode()
    contact = client.get("/contact/?from=footer&page=2").content.decode()

    assert 'href="/language/es/?next=/privacy/"' in privacy
    assert 'href="/language/fr/?next=/contact/%3Ffrom%3Dfooter%26page%3D2"' in contact
    assert "next=/privacy/" not in contact


def test_the_current_language_is_marked_not_linked(client, db):
    client.cookies["townhall_language"] = "fr"
    page = client.get("/privacy/").content.decode()

    current = '<span class="govuk-language-navigation__text" aria-current="true" lang="fr">'
    assert f"{current}Français</span>" in page
    assert 'href="/language/en/?next=/privacy/" lang="en" hreflang="en">English</a>' in page
    assert "/language/fr/" not in page


def test_the_header_marks_the_page_shown_only(client, db):
    services = client.get("/services/").content.decode()
    privacy = client.get("/privacy/").content.decode()

    assert 'href="/services/" aria-current="page"' in services
    assert 'aria-current="page"' not in privacy
