from conftest import PASSWORD


def test_wrong_passwords_say_so_without_naming_which_part(client, resident):
    response = client.post("/account/sign-in/", {"username": resident.email, "password": "nope"})
    assert response.status_code == 200
    assert "Enter a correct email address and password." in response.content.decode()


def test_the_sixth_attempt_is_locked_out_even_with_the_right_password(client, resident):
    for _ in range(5):
        client.post("/account/sign-in/", {"username": resident.email, "password": "wrong"})
    response = client.post("/account/sign-in/", {"username": resident.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_on_one_account_do_not_lock_another(client, resident, other_resident):
    for _ in range(5):
        client.post("/account/sign-in/", {"username": resident.email, "password": "wrong"})
    response = client.post(
        "/account/sign-in/", {"username": other_resident.email, "password": PASSWORD}
    )
    assert response.status_code == 302
