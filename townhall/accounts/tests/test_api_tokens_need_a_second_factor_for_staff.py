from rest_framework.authtoken.models import Token

from conftest import PASSWORD, totp_now

URL = "/api/v1/auth/token"


def test_a_resident_gets_a_token_with_email_and_password(client, resident):
    response = client.post(URL, {"email": resident.email, "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=resident).key


def test_a_wrong_password_gets_400_and_no_token(client, resident):
    response = client.post(URL, {"email": resident.email, "password": "nope"})
    assert response.status_code == 400
    assert not Token.objects.exists()


def test_missing_fields_are_named(client, db):
    response = client.post(URL, {}, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"email", "password"}


def test_staff_need_their_code(client, caseworker):
    response = client.post(URL, {"email": caseworker.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "otp" in response.json()
    response = client.post(
        URL, {"email": caseworker.email, "password": PASSWORD, "otp": totp_now(caseworker)}
    )
    assert response.status_code == 200


def test_the_token_authenticates_api_requests(client, resident):
    token = client.post(URL, {"email": resident.email, "password": PASSWORD}).json()["token"]
    assert client.get("/api/v1/schema/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
