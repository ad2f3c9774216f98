"""The worker's timer: each scheduled task is enqueued when its interval has
passed, once, however many workers ask."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from townhall.core.schedule import SCHEDULE, scheduled_tasks_enqueue

pytestmark = pytest.mark.django_db


def test_each_task_runs_once_then_waits_for_its_interval(catalogue_loaded):
    now = timezone.now()
    assert scheduled_tasks_enqueue(now=now) == [entry.name for entry in SCHEDULE]
    assert scheduled_tasks_enqueue(now=now + timedelta(minutes=1)) == []
    later = scheduled_tasks_enqueue(now=now + timedelta(minutes=6))
    assert later == ["records.case_documents_index"]
    next_day = scheduled_tasks_enqueue(now=now + timedelta(days=1, minutes=1))
    assert set(next_day) == {entry.name for entry in SCHEDULE}


@pytest.fixture
def catalogue_loaded(db):
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()
