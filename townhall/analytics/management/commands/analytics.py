"""`townhall analytics …`: statistics that need no web page.

townhall analytics hotspots --areas FILE.geojson --id COL --cases COL --population COL
    [--data FILE.csv] [--standard esp2013|pooled] [--permutations 999] [--seed N]
    [--alpha 0.05] [--fdr] [--json]
townhall analytics hotspots --city-districts --data FILE.csv --id COL --cases COL ...

`hotspots --json` prints {"method", "moran", "areas": [...]}, a public contract; the keys
are described in docs/analytics.md. A bad upload prints one line per bad row to standard
error and exits 1 without computing anything.
"""

from __future__ import annotations

import csv
import json
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from townhall.analytics.age_standard import ESP2013, STANDARDS
from townhall.analytics.districts import city_districts
from townhall.analytics.hotspots import HotspotInputError, areas_from_geojson, hotspots_compute


class Command(BaseCommand):
    help = "Spatial statistics over area-level data."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", metavar="COMMAND", required=True)
        hot = commands.add_parser("hotspots", help="Rates, LISA clusters and Gi* hot spots.")
        boundaries = hot.add_mutually_exclusive_group(required=True)
        boundaries.add_argument("--areas", help="A GeoJSON FeatureCollection.")
        boundaries.add_argument(
            "--city-districts",
            action="store_true",
            help="The city map's districts (the demo's, or TOWNHALL_CITY_GEOJSON); needs --data.",
        )
        hot.add_argument("--id", required=True, help="The property naming each area.")
        hot.add_argument("--cases", required=True, help="The property (or CSV column) of cases.")
        hot.add_argument("--population", required=True, help="The population property/column.")
        hot.add_argument("--data", help="A CSV of id, cases, population joined to the areas.")
        hot.add_argument(
            "--standard",
            choices=STANDARDS,
            default=ESP2013,
            help="Standard population for age bands: the European Standard Population 2013 "
            "(default) or all the areas' people together (pooled).",
        )
        hot.add_argument("--permutations", type=int, default=999)
        hot.add_argument("--seed", type=int, default=None, help="Random seed (recorded).")
        hot.add_argument("--alpha", type=float, default=0.05, help="Significance level.")
        hot.add_argument("--fdr", action="store_true", help="False-discovery-rate correction.")
        hot.add_argument("--json", action="store_true", help="Print the results as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["city_districts"] and not options["data"]:
            raise CommandError("--city-districts needs --data FILE.csv with the counts")
        source = options["data"] if options["city_districts"] else options["areas"]
        try:
            if options["city_districts"]:
                collection = city_districts(id_field=options["id"])
            else:
                with open(options["areas"], encoding="utf-8") as handle:
                    collection = json.load(handle)
            counts = None
            if options["data"]:
                with open(options["data"], encoding="utf-8", newline="") as handle:
                    counts = list(csv.DictReader(handle))
        except OSError as exc:
            raise CommandError(f"{exc.filename}: {exc.strerror}") from None
        except json.JSONDecodeError as exc:
            raise CommandError(f"{options['areas']}: not valid JSON ({exc})") from None
        try:
            areas = areas_from_geojson(
                collection,
                id_field=options["id"],
                cases_field=options["cases"],
                population_field=options["population"],
                counts=counts,
            )
        except HotspotInputError as exc:
            for problem in exc.problems:
                print(f"{source}: {problem}", file=sys.stderr)
            raise CommandError("the upload was rejected; nothing was computed") from None
        try:
            result = hotspots_compute(
                areas,
                permutations=options["permutations"],
                seed=options["seed"],
                alpha=options["alpha"],
                fdr=options["fdr"],
                standard=options["standard"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json()))
            return
        self.stdout.write(
            f"Moran's I {result.moran_i:.4f} (p {result.moran_p:.4f}), "
            f"{result.permutations} permutations, seed {result.seed}"
        )
        for area in result.areas:
            standardised = (
                ""
                if area.age_standardised_rate is None
                else f"age-standardised {area.age_standardised_rate:.6f}\t"
            )
            self.stdout.write(
                f"{area.id}\trate {area.rate:.6f}\t{standardised}"
                f"smoothed {area.smoothed_rate:.6f}\t"
                f"LISA {area.lisa_cluster} (p {area.lisa_p:.3f})\t"
                f"Gi* z {area.gi_z:.2f} (p {area.gi_p:.3f})"
            )
