from datetime import datetime, time

import pytest
from django.utils import timezone

from townhall.analytics import kpis
from townhall.analytics.models import PolicyAnnotation
from townhall.analytics.services import FigureRejected, policy_annotation_add
from townhall.cases.models import JourneyEvent
from townhall.cases.services import journey_event_record


def month_ago(months):
    start = kpis.period_start(timezone.localdate(), kpis.MONTH)
    for _ in range(months):
        start = kpis.period_start(start - timezone.timedelta(days=1), kpis.MONTH)
    return start


def record(slug, kind, count, month):
    ids = [journey_event_record(service_slug=slug, kind=kind).pk for _ in range(count)]
    moment = timezone.make_aware(datetime.combine(month.replace(day=10), time(12)))
    # Setting the past: events are stamped when recorded.
    JourneyEvent.objects.filter(pk__in=ids).update(created_at=moment)


def test_the_jump_in_completion_is_estimated_at_the_annotated_date(client, catalogue):
    slug = "tax-return"
    for back in range(12):
        month = month_ago(back)
        record(slug, "started", 20, month)
        # Half finish in the six oldest months, 80% since the new form.
        record(slug, "submitted", 16 if back < 6 else 10, month)
    policy_annotation_add(service_slug=slug, on=month_ago(5), label="New online form launched")

    html = client.get(f"/performance/{slug}/").content.decode()

    assert "New online form launched" in html
    assert "+30.0" in html  # 50% -> 80%, with no trend either side


@pytest.mark.parametrize("label", ["", "   ", "x" * 121])
def test_an_annotation_must_say_what_changed_briefly(db, label):
    with pytest.raises(FigureRejected):
        policy_annotation_add(service_slug="tax-return", on=month_ago(1), label=label)
    assert not PolicyAnnotation.objects.exists()
