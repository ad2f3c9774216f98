"""A signed-in resident ticks the areas they want warnings for; they change
only their own choice, and anonymous visitors are sent to sign in."""

from __future__ import annotations

from townhall.safety.models import AreaSubscription
from townhall.safety.services_incidents import subscriptions_set


def _areas(user):
    return sorted(AreaSubscription.objects.filter(user=user).values_list("area", flat=True))


def test_a_resident_sets_and_clears_their_areas(resident, other_resident, signed_in):
    subscriptions_set(user=other_resident, area_slugs=["docklands"])
    client = signed_in(resident)
    page = client.get("/account/warnings/").content.decode()
    assert 'type="checkbox"' in page and "Riverside South" in page

    response = client.post("/account/warnings/", {"areas": ["old-town", "meadows"]})
    assert response.status_code == 302
    assert _areas(resident) == ["meadows", "old-town"]
    page = client.get("/account/warnings/").content.decode()
    assert 'value="old-town" checked' in page

    client.post("/account/warnings/", {})
    assert _areas(resident) == []
    assert _areas(other_resident) == ["docklands"]


def test_a_resident_cannot_change_someone_elses_areas(resident, other_resident, signed_in):
    subscriptions_set(user=other_resident, area_slugs=["docklands"])
    client = signed_in(resident)
    # There is no way to name another person: a user id in the form is ignored.
    client.post("/account/warnings/", {"areas": ["meadows"], "user": str(other_resident.pk)})
    assert _areas(other_resident) == ["docklands"]
    assert _areas(resident) == ["meadows"]


def test_an_unknown_area_is_refused_and_nothing_changes(resident, signed_in):
    subscriptions_set(user=resident, area_slugs=["docklands"])
    client = signed_in(resident)
    response = client.post("/account/warnings/", {"areas": ["atlantis"]})
    assert response.status_code == 400
    assert "Choose areas from the list" in response.content.decode()
    assert _areas(resident) == ["docklands"]


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/account/warnings/")
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]
    assert 'href="/account/warnings/"' in client.get("/safety/").content.decode()
