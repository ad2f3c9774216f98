"""Submitting twice (a double click, a refresh, a retry on a flaky connection)
makes one submission: the same key gives back the same application and writes
nothing more; another key is refused with a clear message; two submissions at
the same moment still make one."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from townhall.cases.models import Application, ApplicationStatus, JourneyEvent
from townhall.cases.services import (
    ApplicationAlreadySubmitted,
    IdempotencyKeyReused,
    application_submit,
)
from townhall.cases.tests.helpers import draft_for, reference_of, walk_to_check
from townhall.ledger.models import Entry


def submissions() -> int:
    return Entry.objects.count()


@pytest.mark.django_db
def test_the_same_key_twice_gives_the_same_application(catalogue, resident):
    draft = draft_for(resident)
    first = application_submit(application=draft, idempotency_key="key-1")
    entries, events = submissions(), JourneyEvent.objects.count()

    again = application_submit(application=draft, idempotency_key="key-1")

    assert again.pk == first.pk and again.due_date == first.due_date
    assert again.submitted_at == first.submitted_at
    assert submissions() == entries and JourneyEvent.objects.count() == events
    assert Application.objects.filter(status=ApplicationStatus.SUBMITTED).count() == 1


@pytest.mark.django_db
def test_another_key_is_refused_with_a_clear_message(catalogue, resident):
    draft = draft_for(resident)
    application_submit(application=draft, idempotency_key="key-1")
    with pytest.raises(ApplicationAlreadySubmitted, match="already sent this application"):
        application_submit(application=draft, idempotency_key="key-2")


@pytest.mark.django_db
def test_a_key_cannot_submit_a_second_application(catalogue, resident):
    application_submit(application=draft_for(resident), idempotency_key="key-1")
    second = draft_for(resident)
    with pytest.raises(IdempotencyKeyReused):
        application_submit(application=second, idempotency_key="key-1")
    second.refresh_from_db()
    assert second.is_draft


@pytest.mark.django_db
def test_a_double_click_on_the_declaration_sends_once(client, catalogue, resident, signed_in):
    signed_in(resident)
    check_url = walk_to_check(client, "parking-permit")
    declaration = check_url.replace("/check/", "/declaration/")
    client.get(check_url)
    key = "3f2c1d0e9b8a7f6e5d4c3b2a19081726"
    entries = submissions()

    responses = [client.post(declaration, {"idempotency_key": key}) for _ in range(3)]

    assert {r.status_code for r in responses} == {302}
    assert all(r["Location"].endswith("/confirmation/") for r in responses)
    assert submissions() == entries + 1
    assert Application.objects.get(reference=reference_of(check_url)).idempotency_key == key

    # The same form sent from another tab, with its own key: refused, and said so.
    response = client.post(declaration, {"idempotency_key": "another-key"}, follow=True)
    assert "You have already sent this application" in response.content.decode()
    assert submissions() == entries + 1


@pytest.mark.django_db
def test_the_api_gives_the_same_answer_to_a_retry(catalogue, resident):
    draft = draft_for(resident)
    api = APIClient()
    api.force_authenticate(resident)
    url = f"/api/v1/applications/{draft.reference}/submit"

    first = api.post(url, HTTP_IDEMPOTENCY_KEY="retry-me")
    second = api.post(url, HTTP_IDEMPOTENCY_KEY="retry-me")
    other = api.post(url, HTTP_IDEMPOTENCY_KEY="another")
    missing = api.post(url)

    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert first.json()["status"] == "submitted" and first.json()["due_date"]
    assert other.status_code == 409
    assert "already sent" in other.json()["detail"]
    assert missing.status_code == 400
    assert "Idempotency-Key" in missing.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_the_same_moment_make_one(catalogue, resident):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite database cannot queue concurrent writers")
    draft = draft_for(resident)
    entries = submissions()
    barrier = threading.Barrier(4)
    results: list[object] = []

    def submit(key: str) -> None:
        try:
            barrier.wait()
            results.append(application_submit(application=draft, idempotency_key=key))
        except Exception as exc:  # noqa: BLE001 - checked below
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(key,)) for key in ("a", "a", "a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert submissions() == entries + 1
    submitted = [r for r in results if isinstance(r, Application)]
    refused = [r for r in results if isinstance(r, ApplicationAlreadySubmitted)]
    assert len(submitted) + len(refused) == 4, results
    keys = {application.idempotency_key for application in submitted}
    assert len(keys) == 1  # every success is the one submission
    winner = keys.pop()
    assert len(submitted) == (3 if winner == "a" else 1)
    assert Application.objects.get(pk=draft.pk).status == ApplicationStatus.SUBMITTED
