"""The SLA check updates in bulk: one UPDATE per state, whatever the number of
cases, so 100,000 open cases take seconds (docs/cases.md#sla has the figure)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from townhall.cases.models import Application, ApplicationStatus, SlaState
from townhall.cases.services_sla import sla_flags_update
from townhall.catalog.selectors import service_version_current

TODAY = date(2026, 3, 9)
STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.INFO_REQUESTED,
)


def open_cases(count: int, start: int) -> None:
    version = service_version_current(slug="tax-return")
    Application.objects.bulk_create(
        Application(
            reference=f"BULK-{start + n:06d}",
            service_version=version,
            service_slug=version.slug,
            status=STATUSES[n % 3],
            due_date=TODAY + timedelta(days=n % 20 - 5),
        )
        for n in range(count)
    )


def queries_for_a_run() -> int:
    Application.objects.update(sla_state=SlaState.ON_TRACK)
    with CaptureQueriesContext(connection) as captured:
        sla_flags_update(today=TODAY)
    return len(captured)


def test_ten_times_the_cases_cost_no_more_queries(catalogue, settings):
    settings.PUBLIC_HOLIDAYS = []
    open_cases(30, 0)
    few = queries_for_a_run()
    open_cases(300, 30)
    many = queries_for_a_run()
    assert many == few
    assert few <= 12
    assert Application.objects.filter(sla_state=SlaState.AT_RISK).count() > 0
