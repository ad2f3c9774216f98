"""Writes: the monthly figures staff enter and the hotspot results they publish. Each
change is recorded in the ledger, because published figures rest on them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import mapping

from townhall.analytics.hotspots import Area, HotspotResult
from townhall.analytics.models import (
    HandlingTime,
    HotspotRun,
    OfflineTransactions,
    PolicyAnnotation,
    ServiceCost,
)
from townhall.ledger.services import ledger_append

MAX_COST = Decimal(10) ** 12  # the column holds 14 digits, 2 after the point


class FigureRejected(ValueError):
    """Bad input; the message names the problem and nothing was saved."""


def _month(value: date) -> date:
    if not isinstance(value, date):
        raise FigureRejected(_("Enter the month as a date"))
    return value.replace(day=1)


@transaction.atomic
def offline_transactions_set(
    *, service_slug: str, month: date, count: int, actor: Any = None
) -> OfflineTransactions:
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise FigureRejected(_("The number of paper and phone transactions must be 0 or more"))
    first = _month(month)
    row, _created = OfflineTransactions.objects.update_or_create(
        service_slug=service_slug, month=first, defaults={"count": count}
    )
    ledger_append(
        kind="analytics.offline_transactions",
        subject=service_slug,
        payload={"month": first.isoformat(), "count": count},
        actor=actor,
    )
    return row


@transaction.atomic
def service_cost_set(
    *, service_slug: str, month: date, amount: Decimal | str, actor: Any = None
) -> ServiceCost:
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise FigureRejected(_("Enter the running cost as an amount, like 1250.50")) from None
    if not value.is_finite():
        raise FigureRejected(_("Enter the running cost as an amount, like 1250.50"))
    if value < 0:
        raise FigureRejected(_("The running cost must be 0 or more"))
    if value >= MAX_COST:
        raise FigureRejected(_("The running cost is too large"))
    value = value.quantize(Decimal("0.01"))
    first = _month(month)
    row, _created = ServiceCost.objects.update_or_create(
        service_slug=service_slug, month=first, defaults={"amount": value}
    )
    ledger_append(
        kind="analytics.service_cost",
        subject=service_slug,
        payload={"month": first.isoformat(), "amount": str(value)},
        actor=actor,
    )
    return row


@transaction.atomic
def policy_annotation_add(
    *, service_slug: str, on: date, label: str, actor: Any = None
) -> PolicyAnnotation:
    label = (label or "").strip()
    if not label:
        raise FigureRejected(_("Say what changed"))
    if len(label) > 120:
        raise FigureRejected(_("What changed must be 120 characters or less"))
    if not isinstance(on, date):
        raise FigureRejected(_("Enter the date of the change"))
    annotation = PolicyAnnotation.objects.create(service_slug=service_slug, on=on, label=label)
    ledger_append(
        kind="analytics.policy_annotation",
        subject=service_slug,
        payload={"on": on.isoformat(), "label": label},
        actor=actor,
    )
    return annotation


@transaction.atomic
def handling_time_set(*, service_slug: str, minutes: int, actor: Any = None) -> HandlingTime:
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 10_000:
        raise FigureRejected(_("The staff time per application must be 1 to 10,000 minutes"))
    row, _created = HandlingTime.objects.update_or_create(
        service_slug=service_slug, defaults={"minutes": minutes}
    )
    ledger_append(
        kind="analytics.handling_time",
        subject=service_slug,
        payload={"minutes": minutes},
        actor=actor,
    )
    return row


# Figures that, with the population, give the number of cases back.
CASE_FIGURES = ("cases", "rate", "smoothed_rate", "age_standardised_rate")


def _published_properties(figures: dict[str, Any], minimum: int) -> dict[str, Any]:
    # A handful of cases in a small area can point to a person: as on the public
    # performance pages, figures resting on fewer cases than the minimum are left out
    # (the smoothed rate too: with the population and the overall rate it is invertible).
    if figures["cases"] is not None and figures["cases"] >= minimum:
        return figures
    return {**figures, **dict.fromkeys(CASE_FIGURES)}


@transaction.atomic
def hotspot_run_publish(
    *,
    title: str,
    result: HotspotResult,
    areas: Sequence[Area],
    minimum: int,
    actor: Any = None,
) -> HotspotRun:
    """Publish a hotspot run as open data (it replaces the one published before)."""
    title = (title or "").strip()
    if not title:
        raise FigureRejected(_("Say what the counts are before publishing them"))
    if len(title) > 200:
        raise FigureRejected(_("What the counts are must be 200 characters or less"))
    printed = result.as_json()
    features = [
        {
            "type": "Feature",
            "properties": _published_properties(figures, minimum),
            "geometry": mapping(area.geometry),
        }
        for figures, area in zip(printed["areas"], areas, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    # Round-tripped through JSON so the stored copy is exactly what is served.
    collection = json.loads(json.dumps(collection))
    run = HotspotRun.objects.create(
        title=title, method=printed["method"], moran=printed["moran"], areas=collection
    )
    digest = hashlib.sha256(
        json.dumps(collection, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    ledger_append(
        kind="analytics.hotspot_run",
        subject=f"hotspot-run:{run.pk}",
        payload={"title": title, "method": printed["method"], "areas_sha256": digest},
        actor=actor,
    )
    return run
