from datetime import datetime, time, timedelta

from django.utils import timezone

from townhall.analytics import kpis
from townhall.analytics.services import handling_time_set
from townhall.analytics.tests.test_performance_pages_show_figures_and_withhold_small_counts import (
    sign_in,
)
from townhall.cases.models import JourneyEvent
from townhall.cases.services import journey_event_record


def sent_in_week(slug, weeks_ago, count):
    monday = kpis.period_start(timezone.localdate(), kpis.WEEK) - timedelta(weeks=weeks_ago)
    ids = [journey_event_record(service_slug=slug, kind="submitted").pk for _ in range(count)]
    moment = timezone.make_aware(datetime.combine(monday + timedelta(days=2), time(11)))
    JourneyEvent.objects.filter(pk__in=ids).update(created_at=moment)  # setting the past


def test_the_forecast_and_staff_hours_show_for_managers_only(client, catalogue, manager):
    for weeks_ago in range(1, 31):
        sent_in_week("tax-return", weeks_ago, 6)  # a steady 6 a week
    handling_time_set(service_slug="tax-return", minutes=30)

    sign_in(client, manager)
    html = client.get("/staff/analytics/tax-return/").content.decode()
    assert "Expected applications, next 12 weeks" in html
    assert "at 30 minutes per application" in html
    assert html.count('<td class="govuk-table__cell govuk-table__cell--numeric">3.0</td>') == 12

    client.logout()
    public = client.get("/performance/tax-return/").content.decode()
    assert "Expected applications" not in public


def test_too_little_history_says_so(client, catalogue, manager):
    sent_in_week("tax-return", 1, 6)
    sign_in(client, manager)
    html = client.get("/staff/analytics/tax-return/").content.decode()
    assert "A forecast needs at least 20 weeks of applications." in html
    assert "Enter the average staff time per application" in html
