"""The chat page works by plain form posts; a person is offered only with consent,
and staff see the request with the conversation attached."""

from townhall.assistant.models import ContactRequest


def test_a_question_is_answered_on_the_page(catalogue, client):
    response = client.post(
        "/assistant/", {"question": "book a pickup for my old fridge"}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "book a pickup for my old fridge" in page
    assert "/services/bulky-waste/" in page


def test_an_empty_question_gets_a_clear_message(catalogue, client):
    response = client.post("/assistant/", {"question": "  "})
    assert response.status_code == 400
    assert "Enter a question" in response.content.decode()


def test_handover_needs_consent_and_reaches_the_staff_queue(
    catalogue, client, caseworker, signed_in
):
    client.post("/assistant/", {"question": "my landlord is evicting me"})
    refused = client.post("/assistant/contact/", {"name": "Rosa", "email": "rosa@example.org"})
    assert refused.status_code == 400
    assert not ContactRequest.objects.exists()
    client.post(
        "/assistant/contact/", {"name": "Rosa", "email": "rosa@example.org", "consent": "on"}
    )
    assert ContactRequest.objects.count() == 1
    client.logout()
    signed_in(caseworker)
    queue = client.get("/staff/assistant/").content.decode()
    assert "rosa@example.org" in queue
    assert "my landlord is evicting me" in queue


def test_a_resident_can_delete_their_conversation(catalogue, client):
    client.post("/assistant/", {"question": "report a pothole"})
    client.post("/assistant/delete/")
    assert "report a pothole" not in client.get("/assistant/").content.decode()


def test_help_pages_are_public(client, db):
    for slug in ("participatory-budgeting", "consultations", "privacy", "accessibility", "contact"):
        assert client.get(f"/help/{slug}/").status_code == 200
    assert client.get("/help/nope/").status_code == 404
