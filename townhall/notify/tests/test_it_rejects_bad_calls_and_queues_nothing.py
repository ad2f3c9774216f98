"""Bad input to notification_queue names the problem and writes nothing."""

import pytest

from townhall.notify.models import Notification
from townhall.notify.services import notification_queue


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"event": "party_invitation", "key": "k"}, "unknown notification event 'party_"),
        ({"event": "decision_made", "key": " "}, "key must be 1 to 200 characters"),
        ({"event": "decision_made", "key": "k", "url": "applications/1"}, "url must be"),
    ],
)
def test_it_raises_a_clear_value_error(resident, arguments, message):
    with pytest.raises(ValueError, match=message):
        notification_queue(recipient=resident, context={}, **arguments)
    assert not Notification.objects.exists()


def test_fields_outside_the_allowed_ones_never_reach_a_message(resident):
    notification_queue(
        event="decision_made",
        key="k",
        recipient=resident,
        context={"reference": "RIV-2026-000001", "national_id": "X1234567"},
    )
    for row in Notification.objects.all():
        assert "national_id" not in row.context
        assert "X1234567" not in row.body
