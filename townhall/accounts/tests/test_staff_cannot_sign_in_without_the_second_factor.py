from conftest import PASSWORD, totp_now


def _password_step(client, user):
    return client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD})


def test_the_password_alone_does_not_sign_staff_in(client, caseworker):
    response = _password_step(client, caseworker)
    assert response["Location"] == "/account/sign-in/code/"
    assert "_auth_user_id" not in client.session
    assert client.get("/staff/").status_code == 302


def test_a_wrong_code_is_refused_and_says_why(client, caseworker):
    _password_step(client, caseworker)
    wrong = f"{(int(totp_now(caseworker)) + 1) % 1_000_000:06d}"
    response = client.post("/account/sign-in/code/", {"code": wrong})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_empty_code_gets_a_clear_message(client, caseworker):
    _password_step(client, caseworker)
    response = client.post("/account/sign-in/code/", {"code": ""})
    assert "Enter the code from your authenticator app" in response.content.decode()


def test_five_wrong_codes_start_the_sign_in_again(client, caseworker):
    _password_step(client, caseworker)
    for _ in range(5):
        response = client.post("/account/sign-in/code/", {"code": "000000x"})
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/"
    response = client.post("/account/sign-in/code/", {"code": totp_now(caseworker)})
    assert "_auth_user_id" not in client.session


def test_the_right_code_signs_staff_in(client, caseworker):
    _password_step(client, caseworker)
    response = client.post("/account/sign-in/code/", {"code": totp_now(caseworker)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(caseworker.pk)
    assert client.get("/staff/").status_code == 200


def test_the_code_page_without_a_password_step_goes_back_to_sign_in(client, db):
    response = client.get("/account/sign-in/code/")
    assert response["Location"] == "/account/sign-in/"


def test_staff_without_an_authenticator_cannot_sign_in(client, caseworker):
    caseworker.totpdevice_set.all().delete()
    _password_step(client, caseworker)
    response = client.get("/account/sign-in/code/")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_residents_sign_in_with_a_password_only(client, resident):
    response = _password_step(client, resident)
    assert response["Location"] == "/account/"
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_sign_in_never_redirects_off_site(client, resident):
    response = client.post(
        "/account/sign-in/",
        {"username": resident.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/account/"
