"""Work that runs on a timer, enqueued by `townhall worker`.

django-tasks runs tasks but does not schedule them. The worker calls
`scheduled_tasks_enqueue()` between sweeps; each entry below is enqueued when
its interval has passed since its last run. The last run is claimed with a
compare-and-set on one row per entry, so several workers never enqueue the
same run twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from townhall.core.models import ScheduledRun


@dataclass(frozen=True)
class Scheduled:
    name: str
    every: timedelta
    task: str


SCHEDULE = (
    Scheduled("cases.sla_flags", timedelta(days=1), "townhall.cases.tasks.sla_flags_daily"),
    Scheduled(
        "records.case_documents_index",
        timedelta(minutes=5),
        "townhall.records.tasks.case_documents_index",
    ),
    Scheduled("records.due_list", timedelta(days=1), "townhall.records.tasks.records_due_list"),
    Scheduled("assistant.purge", timedelta(days=1), "townhall.assistant.tasks.conversations_purge"),
    Scheduled("safety.forecasts", timedelta(hours=1), "townhall.safety.tasks.forecast_alerts"),
    Scheduled("safety.retention", timedelta(days=1), "townhall.safety.tasks.readings_retention"),
)


def _claim(entry: Scheduled, now: datetime) -> bool:
    """Whether this caller won the right to enqueue `entry` now."""
    if not ScheduledRun.objects.filter(name=entry.name).exists():
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=entry.name, last_run_at=now)
        except IntegrityError:
            return False
        return True
    claimed = ScheduledRun.objects.filter(
        name=entry.name, last_run_at__lte=now - entry.every
    ).update(last_run_at=now)
    return claimed == 1


def scheduled_tasks_enqueue(*, now: datetime | None = None) -> list[str]:
    """Enqueue every scheduled task that is due; the names of those enqueued."""
    now = now or timezone.now()
    enqueued = []
    for entry in SCHEDULE:
        if _claim(entry, now):
            import_string(entry.task).enqueue()
            enqueued.append(entry.name)
    return enqueued
