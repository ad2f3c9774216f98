"""`townhall sla_check [--date YYYY-MM-DD]`: flag open cases on track, at risk,
overdue or paused, warn staff about cases that have just become at risk, and
print the counts. Run it once a day (docs/cases.md#sla)."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from townhall.cases.services_sla import sla_flags_update

LABELS = {
    "on_track": "on track",
    "at_risk": "at risk",
    "overdue": "overdue",
    "paused": "paused",
    "changed": "changed state",
    "warned": "staff warned",
}


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be a date like 2026-03-06, not {value!r}") from None


class Command(BaseCommand):
    help = "Flag open cases on track, at risk, overdue or paused, and print the counts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="Check as of this day instead of today (to catch up a missed run).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options["date"]) if options["date"] else None
        counts = sla_flags_update(today=today)
        for key, label in LABELS.items():
            self.stdout.write(f"{label}: {counts.get(key, 0)}")
