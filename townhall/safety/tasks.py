"""Background work of the safety app, enqueued by the worker's timer (core/schedule.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def forecast_alerts() -> int:
    """Warn of river levels and air quality likely to cross their thresholds."""
    from townhall.safety.services_incidents import forecast_alerts_raise

    return len(forecast_alerts_raise())


@task()
def readings_retention() -> int:
    """Fold readings older than TOWNHALL_SAFETY_RAW_DAYS into hourly summaries."""
    from townhall.safety.services_retention import readings_downsample

    return readings_downsample()
