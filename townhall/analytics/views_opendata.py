"""Downloads of the open datasets (CSV, JSON, GeoJSON), as listed in the catalogue.

Public and read-only. Every figure here is already public elsewhere (results pages,
the ledger, public performance pages) or was published by a manager, small counts
withheld.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from townhall.analytics import selectors
from townhall.analytics.views import CSV_FIELDS, _figures, _granularity

PB_RESULT_FIELDS = ["project_id", "title", "category", "cost", "votes", "funded", "rank"]
PB_BALLOT_FIELDS = ["ballot", "projects", "points"]
LEDGER_FIELDS = ["size", "root", "created_at", "witnesses", "note"]


def _csv(filename: str, fields: Sequence[str], rows: Iterable[dict[str, Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.DictWriter(response, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if row.get(key) is None else row[key] for key in fields})
    return response


def _json(data: Any, content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = content_type
    return response


@require_GET
def service_json(request: HttpRequest, slug: str) -> JsonResponse:
    service = selectors.service_published(slug=slug)
    if service is None:
        raise Http404
    granularity = _granularity(request)
    performance = selectors.performance(service=service, granularity=granularity)
    periods = [
        {key: value for key, value in asdict(figures).items() if key in CSV_FIELDS}
        for figures in _figures(performance, public=True)
    ]
    return _json(
        {
            "service": slug,
            "title": service.title,
            "granularity": granularity,
            "minimum_count": selectors.min_public_count(),
            "periods": periods,
        }
    )


def _pb(process: str, district: str) -> Any:
    result = selectors.pb_result_published(process_slug=process, district_slug=district)
    if result is None:
        raise Http404
    return result


def _pb_projects(result: Any) -> list[dict[str, Any]]:
    return [
        {"project_id": p.id, "title": p.title, "category": p.category, "cost": p.cost,
         "votes": p.votes, "funded": p.funded, "rank": p.rank}
        for p in result.projects
    ]  # fmt: skip


@require_GET
def pb_results_csv(request: HttpRequest, process: str, district: str) -> HttpResponse:
    result = _pb(process, district)
    rows = _pb_projects(result)
    return _csv(f"{process}-{district}-results.csv", PB_RESULT_FIELDS, rows)


@require_GET
def pb_results_json(request: HttpRequest, process: str, district: str) -> JsonResponse:
    result = _pb(process, district)
    return _json(
        {
            "process": result.process_slug,
            "process_name": result.process_name,
            "district": result.district_slug,
            "district_name": result.district_name,
            "budget": result.budget,
            "currency": result.currency,
            "vote_type": result.vote_type,
            "rule": result.rule,
            "ballot_count": result.ballot_count,
            "ballot_set_sha256": result.ballot_set_sha256,
            "ledger_index": result.ledger_index,
            "computed_at": result.computed_at.isoformat(),
            "projects": _pb_projects(result),
        }
    )


def _ballots(process: str, district: str) -> list[dict[str, Any]]:
    ballots = selectors.pb_ballots_published(process_slug=process, district_slug=district)
    if ballots is None:
        raise Http404
    return ballots


@require_GET
def pb_ballots_csv(request: HttpRequest, process: str, district: str) -> HttpResponse:
    rows = [
        {"ballot": b["ballot"], "projects": ",".join(b["projects"]),
         "points": ",".join(str(p) for p in b["points"]) if b["points"] else None}
        for b in _ballots(process, district)
    ]  # fmt: skip
    return _csv(f"{process}-{district}-ballots.csv", PB_BALLOT_FIELDS, rows)


@require_GET
def pb_ballots_json(request: HttpRequest, process: str, district: str) -> JsonResponse:
    ballots = _ballots(process, district)
    return _json({"process": process, "district": district, "ballots": ballots})


def _run() -> Any:
    run = selectors.hotspot_run_latest()
    if run is None:
        raise Http404
    return run


def _run_about(run: Any) -> dict[str, Any]:
    return {
        "title": run.title,
        "published_at": timezone.localtime(run.published_at).isoformat(),
        "method": run.method,
        "moran": run.moran,
    }


@require_GET
def hotspots_geojson(request: HttpRequest) -> JsonResponse:
    run = _run()
    # Foreign members beside "features" are allowed by RFC 7946 (section 6.1).
    return _json({**run.areas, **_run_about(run)}, "application/geo+json")


@require_GET
def hotspots_json(request: HttpRequest) -> JsonResponse:
    run = _run()
    areas = [feature["properties"] for feature in run.areas["features"]]
    return _json({**_run_about(run), "areas": areas})


@require_GET
def hotspots_csv(request: HttpRequest) -> HttpResponse:
    run = _run()
    rows = [feature["properties"] for feature in run.areas["features"]]
    fields = list(rows[0]) if rows else ["id"]
    return _csv("hotspots.csv", fields, rows)


def _checkpoints() -> list[dict[str, Any]]:
    return [
        {**c, "created_at": c["created_at"].isoformat()}
        for c in selectors.ledger_checkpoints_published()
    ]


@require_GET
def ledger_csv(request: HttpRequest) -> HttpResponse:
    rows = [{**c, "witnesses": " ".join(c["witnesses"])} for c in _checkpoints()]
    return _csv("ledger-checkpoints.csv", LEDGER_FIELDS, rows)


@require_GET
def ledger_json(request: HttpRequest) -> JsonResponse:
    return _json({"checkpoints": _checkpoints()})


SENSOR_HOUR_FIELDS = ["sensor", "hour", "count", "mean", "minimum", "maximum"]


@require_GET
def sensors_geojson(request: HttpRequest) -> JsonResponse:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [s["longitude"], s["latitude"]]},
            "properties": {k: v for k, v in s.items() if k not in ("latitude", "longitude")},
        }
        for s in selectors.sensors_published()
    ]
    return _json({"type": "FeatureCollection", "features": features}, "application/geo+json")


@require_GET
def sensor_hours_csv(request: HttpRequest) -> HttpResponse:
    return _csv(
        "sensor-readings-hourly.csv", SENSOR_HOUR_FIELDS, selectors.sensor_hours_published()
    )


@require_GET
def sensor_hours_json(request: HttpRequest) -> JsonResponse:
    return _json({"hours": selectors.sensor_hours_published()})
