"""Reads for the performance pages, through the other apps' selectors only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from townhall.analytics import kpis
from townhall.analytics.forecast import Forecast, demand_forecast
from townhall.analytics.impact import Impact, interrupted_time_series
from townhall.analytics.models import (
    HandlingTime,
    HotspotRun,
    OfflineTransactions,
    PolicyAnnotation,
    ServiceCost,
)
from townhall.cases import selectors as cases
from townhall.catalog import selectors as catalog
from townhall.catalog.markdown import words
from townhall.engagement import selectors as engagement
from townhall.ledger import selectors as ledger
from townhall.safety import selectors as safety

# Cases that ended without a decision are no longer work to do.
ENDED_UNDECIDED = ("withdrawn", "closed")
PERIODS_SHOWN = {kpis.WEEK: 12, kpis.MONTH: 12}


@dataclass(frozen=True)
class ServiceRef:
    slug: str
    title: str
    page_order: tuple[str, ...]
    # Titles of the form pages, in the same order: pages show a title, never an id.
    page_titles: tuple[str, ...] = ()

    def page_title(self, page_id: str) -> str:
        titles = dict(zip(self.page_order, self.page_titles, strict=False))
        return titles.get(page_id) or page_id


@dataclass(frozen=True)
class ServicePerformance:
    service: ServiceRef | None  # None: every service together
    granularity: str
    periods: list[kpis.PeriodFigures]
    exits: tuple[str, int] | None


def services_published() -> list[ServiceRef]:
    refs = []
    for version in catalog.services_current():
        spec = catalog.service_spec(version)
        refs.append(
            ServiceRef(
                slug=version.slug,
                title=words(spec.title) or version.title,
                page_order=tuple(page.id for page in spec.pages),
                page_titles=tuple(words(page.title) or page.id for page in spec.pages),
            )
        )
    return sorted(refs, key=lambda ref: ref.title.lower())


def service_published(*, slug: str) -> ServiceRef | None:
    return next((ref for ref in services_published() if ref.slug == slug), None)


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def performance(
    *,
    service: ServiceRef | None,
    granularity: str,
    today: date | None = None,
    count: int | None = None,
) -> ServicePerformance:
    """The last `count` periods up to and including today's, oldest first."""
    if granularity not in kpis.GRANULARITIES:
        raise ValueError(f"unknown granularity {granularity!r}")
    today = today or timezone.localdate()
    count = count or PERIODS_SHOWN[granularity]
    last = kpis.period_start(today, granularity)
    first = last
    for _ in range(count - 1):
        first = kpis.period_start(first - timedelta(days=1), granularity)
    periods = kpis.periods_between(first, last, granularity)
    start = _local_start(first)
    end = _local_start(kpis.next_period(last, granularity))
    slug = service.slug if service else None
    events = [
        kpis.Event(
            kind=row["kind"],
            day=timezone.localtime(row["created_at"]).date(),
            channel=row["channel"],
            page_id=row["page_id"],
            outcome=row["outcome"],
        )
        for row in cases.journey_events_between(start=start, end=end, service_slug=slug)
    ]
    scores = [
        (timezone.localtime(row["created_at"]).date(), row["score"])
        for row in cases.satisfaction_scores_between(start=start, end=end, service_slug=slug)
    ]
    applications = [
        kpis.Case(
            channel=row["channel"],
            submitted_at=timezone.localtime(row["submitted_at"]),
            decided_at=timezone.localtime(row["decided_at"]) if row["decided_at"] else None,
            due_date=row["due_date"],
        )
        for row in cases.applications_for_kpis(service_slug=slug, since=start, until=end)
        if row["decided_at"] or row["status"] not in ENDED_UNDECIDED
    ]
    figures = kpis.figures_by_period(
        periods=periods,
        granularity=granularity,
        events=events,
        scores=scores,
        cases=applications,
        offline=_monthly(OfflineTransactions, "count", slug),
        costs=_monthly(ServiceCost, "amount", slug),
    )
    exits = kpis.page_with_most_exits(events, service.page_order) if service else None
    return ServicePerformance(service, granularity, figures, exits)


def _monthly(model: type[OfflineTransactions] | type[ServiceCost], field: str, slug: str | None):
    # Overall figures add every service's months together.
    rows = model.objects.all() if slug is None else model.objects.filter(service_slug=slug)
    totals: dict[date, int | Decimal] = {}
    for month, value in rows.values_list("month", field):
        totals[month] = totals.get(month, 0) + value
    return totals


def min_public_count() -> int:
    return settings.ANALYTICS_MIN_COUNT


@dataclass(frozen=True)
class AnnotatedImpact:
    on: date
    label: str
    impact: Impact | None  # None: too few periods with a figure on one side


def impacts(
    *, performance: ServicePerformance, figure: str = "completion_rate"
) -> list[AnnotatedImpact]:
    """Before and after each annotated change that falls inside the periods shown."""
    if performance.service is None or not performance.periods:
        return []
    starts = [period.start for period in performance.periods]
    values = [getattr(period, figure) for period in performance.periods]
    found = []
    annotations = PolicyAnnotation.objects.filter(
        service_slug=performance.service.slug, on__gt=starts[0], on__lte=starts[-1]
    )
    for annotation in annotations:
        # The change counts from the first period starting on or after its date.
        change_at = next(i for i, start in enumerate(starts) if start >= annotation.on)
        found.append(
            AnnotatedImpact(
                annotation.on, annotation.label, interrupted_time_series(values, change_at)
            )
        )
    return found


@dataclass(frozen=True)
class Demand:
    forecast: Forecast | None  # None: not enough weeks of history yet
    weeks: list[date]  # the start of each forecast week
    minutes: int | None  # staff minutes per application, when entered
    hours: list[float] | None


def demand(*, service: ServiceRef, today: date | None = None) -> Demand:
    """Applications sent per week over up to two years and a quarter, and the next 12."""
    today = today or timezone.localdate()
    this_week = kpis.period_start(today, kpis.WEEK)
    first = this_week - timedelta(weeks=2 * 52 + 12)
    events = cases.journey_events_between(
        start=_local_start(first), end=_local_start(this_week), service_slug=service.slug
    )
    counts: dict[date, int] = {}
    for row in events:
        if row["kind"] == "submitted":
            week = kpis.period_start(timezone.localtime(row["created_at"]).date(), kpis.WEEK)
            counts[week] = counts.get(week, 0) + 1
    # History starts at the first week anything was sent; the week under way is
    # left out because it is not over.
    weeks = kpis.periods_between(min(counts, default=this_week), this_week, kpis.WEEK)[:-1]
    forecast = demand_forecast([float(counts.get(week, 0)) for week in weeks])
    ahead = [this_week + timedelta(weeks=i) for i in range(len(forecast.mean) if forecast else 0)]
    handling = HandlingTime.objects.filter(service_slug=service.slug).first()
    minutes = handling.minutes if handling else None
    hours = [m * minutes / 60 for m in forecast.mean] if forecast and minutes else None
    return Demand(forecast, ahead, minutes, hours)


# Open data: what the other apps publish, through their selectors.


def pb_results_published() -> list[engagement.PublishedResult]:
    return engagement.results_published()


def pb_result_published(
    *, process_slug: str, district_slug: str
) -> engagement.PublishedResult | None:
    return next(
        (
            r
            for r in engagement.results_published()
            if (r.process_slug, r.district_slug) == (process_slug, district_slug)
        ),
        None,
    )


def pb_ballots_published(*, process_slug: str, district_slug: str) -> list[dict[str, Any]] | None:
    return engagement.result_ballots_published(
        process_slug=process_slug, district_slug=district_slug
    )


def hotspot_run_latest() -> HotspotRun | None:
    return HotspotRun.objects.first()  # newest first (Meta.ordering)


def ledger_checkpoints_published() -> list[dict[str, Any]]:
    return ledger.checkpoints_published()


def sensors_published() -> list[dict[str, Any]]:
    return safety.sensors_registry_public()


def sensor_hours_published(*, until: datetime | None = None) -> list[dict[str, Any]]:
    moment = until or timezone.now()
    return safety.readings_hourly_public(until=int(moment.timestamp()))


def sensor_open_data_days() -> int:
    return safety.OPEN_DATA_DAYS
