def test_a_resident_changes_their_details(client, resident, signed_in):
    signed_in(resident)
    response = client.post(
        "/account/edit/",
        {
            "full_name": "Rosa M. Resident",
            "phone": "+34 600 123 456",
            "preferred_language": "es",
            "contact_by_email": "on",
            "contact_by_sms": "on",
        },
    )
    assert response["Location"] == "/account/"
    resident.refresh_from_db()
    assert resident.full_name == "Rosa M. Resident"
    assert resident.contact_by_sms
    assert resident.preferred_language == "es"
    assert response.cookies["townhall_language"].value == "es"


def test_text_messages_need_a_phone_number_and_nothing_is_saved(client, resident, signed_in):
    signed_in(resident)
    response = client.post(
        "/account/edit/",
        {"full_name": "Changed", "phone": "", "preferred_language": "en", "contact_by_sms": "on"},
    )
    assert response.status_code == 200
    assert "Enter a mobile phone number, or untick" in response.content.decode()
    resident.refresh_from_db()
    assert resident.full_name == "Rosa Resident"


def test_a_malformed_phone_number_is_named(client, resident, signed_in):
    signed_in(resident)
    response = client.post(
        "/account/edit/", {"full_name": "Rosa", "phone": "call me", "preferred_language": "en"}
    )
    assert "Enter a phone number" in response.content.decode()


def test_the_profile_needs_a_signed_in_person(client, db):
    assert client.get("/account/")["Location"].startswith("/account/sign-in/")
    assert client.get("/account/edit/")["Location"].startswith("/account/sign-in/")
