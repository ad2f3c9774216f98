"""The journey is counted for the performance figures (started, each page
reached, the eligibility outcome, submitted, left) without any personal data:
no account, no application, no answer. Survey answers are not linked to anyone."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict

from townhall.cases.models import JourneyEvent, SatisfactionResponse
from townhall.cases.tests.helpers import reference_of, submit, walk_to_check

pytestmark = pytest.mark.django_db


def test_a_journey_is_counted_without_personal_data(client, catalogue, resident, signed_in):
    signed_in(resident)
    check_url = walk_to_check(client, "health-coverage")
    reference = reference_of(check_url)
    client.get(check_url)
    client.get(check_url)  # a reload is not a second outcome
    for page in ("about_you", "household"):
        client.get(f"/services/health-coverage/apply/{reference}/{page}/")
        client.get(f"/services/health-coverage/apply/{reference}/{page}/")
    response = submit(client, check_url)
    feedback = response["Location"].replace("/confirmation/", "/feedback/")
    client.post(feedback, {"score": "4", "comment": "Clear questions."})

    events = list(JourneyEvent.objects.order_by("pk"))
    kinds = [event.kind for event in events]
    assert kinds.count("started") == 1
    assert kinds.count("submitted") == 1
    assert kinds.count("eligibility_outcome") == 1
    assert {e.page_id for e in events if e.kind == "page_reached"} == {"about_you", "household"}
    assert [e.outcome for e in events if e.kind == "eligibility_outcome"] == ["eligible"]
    assert {event.channel for event in events} == {"online"}

    fields = {field.name for field in JourneyEvent._meta.get_fields()}
    assert fields == {"id", "service_slug", "kind", "page_id", "outcome", "channel", "created_at"}
    survey_fields = {field.name for field in SatisfactionResponse._meta.get_fields()}
    assert survey_fields == {"id", "service_slug", "score", "comment", "context", "created_at"}

    stored = " ".join(str(model_to_dict(event)) for event in events)
    stored += str(model_to_dict(SatisfactionResponse.objects.get()))
    for personal in (
        resident.email,
        resident.pseudonym,
        reference,
        "Maria Santos",
        "123456789",
        "1988-11-03",
        "1900.00",
    ):
        assert personal not in stored, personal
