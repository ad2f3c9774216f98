import re

from django.core import mail

from townhall.accounts.models import User

GOOD = {
    "full_name": "Nadia Newcomer",
    "email": "Nadia@Example.org",
    "password": "a long and unusual passphrase",
    "preferred_language": "fr",
}


def _link(message) -> str:
    return re.search(r"http://[^\s]+", message.body).group(0).split("8000", 1)[1]


def test_signing_up_creates_an_unverified_account_and_sends_a_link(client, db):
    response = client.post("/account/sign-up/", GOOD)
    assert response["Location"] == "/account/sign-up/check-email/"
    user = User.objects.get(email="nadia@example.org")
    assert user.full_name == "Nadia Newcomer"
    assert user.preferred_language == "fr"
    assert not user.email_verified
    assert user.password.startswith("argon2")
    assert len(mail.outbox) == 1
    # The message goes out in the language the person chose.
    assert "Confirmez" in mail.outbox[0].subject or "adresse" in mail.outbox[0].body


def test_the_link_confirms_the_address_once(client, db):
    client.post("/account/sign-up/", GOOD)
    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 302
    user = User.objects.get(email="nadia@example.org")
    assert user.email_verified
    first = user.email_verified_at
    client.get(link)
    user.refresh_from_db()
    assert user.email_verified_at == first


def test_a_forged_link_is_refused(client, resident):
    resident.email_verified_at = None
    resident.save(update_fields=["email_verified_at"])
    response = client.get("/account/verify/MQ/abc-def/")
    assert response.status_code == 400
    response = client.get("/account/verify/!!!/abc-def/")
    assert response.status_code == 400
    resident.refresh_from_db()
    assert not resident.email_verified


def test_a_taken_address_creates_nothing_and_tells_its_owner(client, resident):
    before = User.objects.count()
    response = client.post("/account/sign-up/", {**GOOD, "email": resident.email.upper()})
    assert response["Location"] == "/account/sign-up/check-email/"
    assert User.objects.count() == before
    assert mail.outbox[0].to == [resident.email]
    assert "you already have one" in mail.outbox[0].body


def test_bad_input_names_each_problem_and_creates_nothing(client, db):
    response = client.post(
        "/account/sign-up/",
        {
            "full_name": "",
            "email": "not-an-email",
            "password": "password",
            "preferred_language": "de",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter your full name" in page
    assert "Enter an email address in the correct format" in page
    assert "This password is too common" in page or "too short" in page
    assert "Select a valid choice" in page
    assert User.objects.count() == 0
    assert mail.outbox == []
