"""A hazard warning is checked, goes to the ledger, and is sent to the residents
who subscribed to its area, and to no one else."""

from __future__ import annotations

import pytest

from townhall.notify.models import Notification
from townhall.safety.models import HazardWarning
from townhall.safety.services_incidents import (
    SafetyError,
    subscriptions_set,
    warning_publish,
    warning_withdraw,
)
from townhall.safety.tests.conftest import ledger_entries_about

pytestmark = pytest.mark.django_db


def publish(operator, **extra):
    values = {
        "area": "old-town",
        "severity": "warning",
        "title": "River Wend flooding",
        "advice": "Keep away from the towpath. Move cars from Mill Lane.",
        "hours": 12,
    }
    values.update(extra)
    return warning_publish(actor=operator, **values)


def test_subscribers_of_the_area_are_told_and_others_not(operator, resident, other_resident):
    subscriptions_set(user=resident, area_slugs=["old-town", "docklands"])
    subscriptions_set(user=other_resident, area_slugs=["hillside"])
    warning = publish(operator)
    assert warning.reference.startswith("WRN-")
    notes = Notification.objects.filter(event="hazard_warning")
    assert {n.recipient_id for n in notes} == {resident.pk}
    in_app = notes.get(channel="in_app")
    assert "Keep away from the towpath" in in_app.body
    assert "River Wend flooding" in in_app.subject
    assert ledger_entries_about(warning.reference) == 1


def test_bad_warnings_are_refused(operator):
    for bad, message in (
        ({"area": "atlantis"}, "area"),
        ({"severity": "apocalyptic"}, "severe"),
        ({"title": " "}, "title"),
        ({"advice": ""}, "residents should do"),
        ({"hours": 0}, "lasts"),
    ):
        with pytest.raises(SafetyError, match=message):
            publish(operator, **bad)
    assert not HazardWarning.objects.exists()


def test_a_warning_is_withdrawn_once(operator):
    warning = publish(operator)
    warning_withdraw(warning=warning, actor=operator)
    with pytest.raises(SafetyError, match="already withdrawn"):
        warning_withdraw(warning=warning, actor=operator)


def test_subscriptions_are_replaced_and_checked(resident):
    subscriptions_set(user=resident, area_slugs=["old-town", "docklands"])
    assert subscriptions_set(user=resident, area_slugs=["docklands"]) == ["docklands"]
    with pytest.raises(SafetyError, match="Unknown area"):
        subscriptions_set(user=resident, area_slugs=["docklands", "nowhere"])
    assert list(resident.safety_subscriptions.values_list("area", flat=True)) == ["docklands"]
