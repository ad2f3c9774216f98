"""The queue page makes the same number of queries for 3 cases as for 60: no
query per row (assignees and services come with the page)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townhall.cases.services import application_submit
from townhall.cases.tests.helpers import draft_for

pytestmark = pytest.mark.django_db


def queries_for(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/staff/cases/").status_code == 200
    return len(captured.captured_queries)


def submit(resident, count: int, start: int) -> None:
    for i in range(start, start + count):
        application_submit(application=draft_for(resident), idempotency_key=f"q{i}")


def test_more_cases_cost_no_more_queries(teams, resident, caseworker, manager, staff_client):
    from townhall.cases import services_casework as work
    from townhall.cases.models import Application

    client = staff_client(manager)
    submit(resident, 3, 0)
    few = queries_for(client)
    submit(resident, 57, 3)
    # Each case assigned: an assignee's name fetched per row would show here.
    for index, case in enumerate(Application.objects.submitted()):
        work.case_claim(application=case, user=caseworker if index % 2 else manager)
    assert queries_for(client) == few
