"""The catalogue's pages speak the visitor's language: the page's own words
through Django's translations, a definition's words through the translations
its YAML gives."""

from __future__ import annotations

import pytest
from django.utils import translation

from townhall.catalog.tests.catalogue import definition, publish, publish_one

TITLE = "{en: Register your hedgehogs, es: Registre sus erizos, fr: Déclarez vos hérissons}"


@pytest.fixture
def catalogue(db, services):
    publish(services)


@pytest.fixture
def spanish(client):
    client.cookies["townhall_language"] = "es"
    return client


def in_spanish(words: str) -> str:
    with translation.override("es"):
        return translation.gettext(words)


def test_the_catalogue_is_in_spanish(spanish, catalogue):
    html = spanish.get("/services/").content.decode()

    assert '<html lang="es"' in html
    assert "Ir al contenido principal" in html
    assert '<a class="govuk-breadcrumbs__link" href="/">Inicio</a>' in html
    assert f'<h1 class="govuk-heading-xl">{in_spanish("Services")}</h1>' in html
    assert f">{in_spanish('Health')}</a></h2>" in html
    assert in_spanish("Search for a service") in html


def test_the_start_page_is_in_spanish(spanish, catalogue):
    html = spanish.get("/services/health-coverage/").content.decode()

    assert '<html lang="es"' in html
    assert in_spanish("Start now") in html
    assert f">{in_spanish('Who can apply')}</h2>" in html
    assert in_spanish("Check before you start") in html


def test_the_checks_errors_are_in_spanish(spanish, catalogue):
    html = spanish.post("/services/health-coverage/check/", {}).content.decode()

    assert "Hay un problema" in html
    assert f"<title>{in_spanish('Error:')} " in html


def test_a_definitions_own_translation_is_used(client, spanish, catalogue):
    publish_one(definition(title=TITLE))

    html = spanish.get("/services/hedgehog-register/").content.decode()
    assert '<h1 class="govuk-heading-xl">Registre sus erizos</h1>' in html

    client.cookies["townhall_language"] = "fr"
    html = client.get("/services/hedgehog-register/").content.decode()
    assert '<h1 class="govuk-heading-xl">Déclarez vos hérissons</h1>' in html

    client.cookies["townhall_language"] = "en"
    html = client.get("/services/hedgehog-register/").content.decode()
    assert '<h1 class="govuk-heading-xl">Register your hedgehogs</h1>' in html
