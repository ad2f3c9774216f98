import re

from django.core import mail

from conftest import PASSWORD


def test_the_reset_link_lets_a_resident_choose_a_new_password(client, resident):
    response = client.post("/account/password/reset/", {"email": resident.email})
    assert response["Location"] == "/account/password/reset/sent/"
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0).split("8000", 1)[1]
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another long passphrase", "new_password2": "another long passphrase"},
    )
    assert response["Location"] == "/account/password/reset/done/"
    resident.refresh_from_db()
    assert resident.check_password("another long passphrase")
    assert not resident.check_password(PASSWORD)


def test_an_unknown_address_looks_the_same_and_sends_nothing(client, db):
    response = client.post("/account/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/account/password/reset/sent/"
    assert mail.outbox == []


def test_a_forged_reset_link_says_it_does_not_work(client, resident):
    response = client.get("/account/password/reset/MQ/bad-token/", follow=True)
    assert "This link does not work" in response.content.decode()
