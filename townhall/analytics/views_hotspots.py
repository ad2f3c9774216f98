"""The hotspot page: upload areas and counts, see clusters on a map and in a table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from townhall.accounts.decorators import staff_required
from townhall.analytics import selectors, services
from townhall.analytics.districts import city_districts, district_names
from townhall.analytics.forms import HotspotForm
from townhall.analytics.hotspot_map import svg_paths
from townhall.analytics.hotspots import (
    HotspotInputError,
    HotspotResult,
    areas_from_geojson,
    hotspots_compute,
)

MAX_PROBLEMS_SHOWN = 20
# GOV.UK palette: red for high-high, blue for low-low, lighter tints for outliers.
COLOURS = {
    "HH": "#d4351c",
    "LL": "#1d70b8",
    "HL": "#f499be",
    "LH": "#5694ca",
    "ns": "#f3f2f1",
    "isolated": "#b1b4b6",
}


def _labels() -> dict[str, str]:
    return {
        "HH": _("High among high (hotspot)"),
        "LL": _("Low among low (cold spot)"),
        "HL": _("High among low"),
        "LH": _("Low among high"),
        "ns": _("Not significant"),
        "isolated": _("No neighbours"),
    }


def _read(upload: Any) -> str:
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HotspotInputError([]) from None


def _result_context(
    result: HotspotResult, geometries: list[Any], names: dict[str, str]
) -> dict[str, Any]:
    shape = svg_paths(geometries)
    labels = _labels()
    areas = [
        {"area": area, "path": path, "colour": COLOURS[area.lisa_cluster],
         "cluster": labels[area.lisa_cluster], "name": names.get(area.id, area.id)}
        for area, path in zip(result.areas, shape.paths, strict=True)
    ]  # fmt: skip
    return {
        "result": result,
        "standardised": result.age_standard is not None,
        "map": shape,
        "areas": areas,
        "significant": [a for a in areas if a["area"].lisa_cluster not in ("ns", "isolated")],
        "legend": [(COLOURS[key], label) for key, label in labels.items()],
    }


@staff_required(role="manager")
def hotspots(request: HttpRequest) -> HttpResponse:
    form = HotspotForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            names: dict[str, str] = {}
            try:
                if data["city_districts"]:
                    collection = city_districts(id_field=data["id_field"])
                    names = district_names()
                else:
                    collection = json.loads(_read(data["areas"]))
                counts = None
                if data["data"]:
                    counts = list(csv.DictReader(io.StringIO(_read(data["data"]))))
            except (ValueError, HotspotInputError):
                form.add_error("areas", _("The files must be GeoJSON and CSV in UTF-8"))
                return render(request, "analytics/hotspots.html", context)
            areas = areas_from_geojson(
                collection,
                id_field=data["id_field"],
                cases_field=data["cases_field"],
                population_field=data["population_field"],
                counts=counts,
            )
            result = hotspots_compute(
                areas,
                permutations=data["permutations"],
                seed=data["seed"],
                fdr=data["fdr"],
                standard=data["standard"],
            )
        except HotspotInputError as exc:
            shown = exc.problems[:MAX_PROBLEMS_SHOWN]
            for problem in shown:
                form.add_error("areas", str(problem))
            if len(exc.problems) > len(shown):
                more = len(exc.problems) - len(shown)
                form.add_error("areas", _("and %(count)s more rows") % {"count": more})
        except ValueError as exc:
            form.add_error("areas", str(exc))
        else:
            context.update(_result_context(result, [area.geometry for area in areas], names))
            if data["publish"]:
                services.hotspot_run_publish(
                    title=data["title"],
                    result=result,
                    areas=areas,
                    minimum=selectors.min_public_count(),
                    actor=request.user,
                )
                messages.success(request, _("The results were published as open data."))
    return render(request, "analytics/hotspots.html", context)
