def test_choosing_spanish_sets_a_cookie_and_the_page_language(client, db):
    response = client.get("/language/es/?next=/privacy/")
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    assert response.cookies["townhall_language"].value == "es"
    page = client.get("/privacy/")
    assert b'<html lang="es" dir="ltr"' in page.content
    assert b"Aviso de privacidad" in page.content


def test_the_choice_outlasts_the_browser_language(client, db):
    client.get("/language/fr/")
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert b'<html lang="fr"' in page.content


def test_an_unknown_language_is_not_found(client, db):
    assert client.get("/language/xx/").status_code == 404


def test_it_never_redirects_off_site(client, db):
    response = client.get("/language/es/?next=https://evil.example/")
    assert response["Location"] == "/"


def test_a_signed_in_persons_choice_is_saved_to_their_profile(client, resident, signed_in):
    signed_in(resident)
    client.get("/language/fr/")
    resident.refresh_from_db()
    assert resident.preferred_language == "fr"


def test_a_saved_language_applies_on_a_new_device(client, resident, signed_in):
    resident.preferred_language = "es"
    resident.save(update_fields=["preferred_language"])
    signed_in(resident)
    client.cookies.pop("townhall_language", None)
    page = client.get("/account/", HTTP_ACCEPT_LANGUAGE="en")
    assert b'<html lang="es"' in page.content
