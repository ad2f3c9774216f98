import pytest

STAFF_PAGES = ["/staff/", "/admin/"]


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_an_anonymous_visitor_is_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "sign-in" in response["Location"] or "login" in response["Location"]


def test_a_resident_gets_403_from_the_staff_area(client, resident, signed_in):
    signed_in(resident)
    response = client.get("/staff/")
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


def test_a_resident_cannot_enter_the_admin_site(client, resident, signed_in):
    signed_in(resident)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_caseworker_signed_in_with_a_code_reaches_the_staff_area(client, caseworker, signed_in):
    signed_in(caseworker)
    response = client.get("/staff/")
    assert response.status_code == 200
    assert "Caseworker" in response.content.decode()


def test_a_caseworker_is_not_an_admin(client, caseworker, signed_in):
    signed_in(caseworker)
    assert client.get("/admin/").status_code == 302


def test_an_administrator_with_a_code_reaches_the_admin_site(client, admin_user, signed_in):
    signed_in(admin_user)
    assert client.get("/admin/").status_code == 200
