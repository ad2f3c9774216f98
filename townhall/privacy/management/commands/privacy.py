"""`townhall privacy …`: manage the keys that encrypt personal data at rest.

townhall privacy rotate-key [--resume]   add a new current key, re-encrypt every value under it
townhall privacy key-status              how many stored values each key still encrypts
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from townhall.privacy import keys, selectors
from townhall.privacy.services import data_key_rotate, encrypted_values_reseal

_SHOWN_PROBLEMS = 20


class Command(BaseCommand):
    help = "Rotate the key that encrypts personal data at rest, and report key usage."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", metavar="COMMAND", required=True)
        rotate = commands.add_parser(
            "rotate-key",
            help="Add a new current key to the key file, then re-encrypt every value under it.",
        )
        rotate.add_argument(
            "--resume",
            action="store_true",
            help="Add no key: finish re-encrypting under the current key (after an interruption).",
        )
        rotate.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Rows per transaction (default 500).",
        )
        rotate.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")
        commands.add_parser("key-status", help="Count the stored values encrypted under each key.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rotate-key":
            if options["batch_size"] < 1:
                raise CommandError("--batch-size must be at least 1")
            self._rotate(
                resume=options["resume"],
                batch_size=options["batch_size"],
                progress=not options["no_progress"],
            )
        else:
            self._status()

    def _rotate(self, *, resume: bool, batch_size: int, progress: bool) -> None:
        path = keys.key_file()
        if resume:
            key_id = keys.keyring().current
            self.stdout.write(f"Re-encrypting under the current key {key_id} ({path}).")
        else:
            key_id = data_key_rotate()
            others = ", ".join(sorted(set(keys.keyring().keys) - {key_id}))
            self.stdout.write(
                f"Added key {key_id} to {path}; it is now current. Older keys kept: {others}."
            )
        fields = selectors.encrypted_fields()
        with tqdm(
            total=selectors.encrypted_value_count(fields=fields),
            unit=" rows",
            disable=not progress,
            file=sys.stderr,
            desc="Re-encrypting",
        ) as bar:
            summary = encrypted_values_reseal(
                fields=fields, batch_size=batch_size, progress=bar.update
            )
        self.stdout.write(
            f"Re-encrypted {summary.resealed} value(s) under {summary.key_id}; "
            f"{summary.already_current} already were; "
            f"{len(summary.unreadable)} could not be opened. "
            f"{summary.rows} row(s) in {len(summary.fields)} field(s): "
            f"{', '.join(summary.fields) or 'none'}."
        )
        if summary.unreadable:
            for problem in summary.unreadable[:_SHOWN_PROBLEMS]:
                self.stderr.write(f"  {problem}")
            if len(summary.unreadable) > _SHOWN_PROBLEMS:
                self.stderr.write(f"  … and {len(summary.unreadable) - _SHOWN_PROBLEMS} more")
            raise CommandError(
                f"{len(summary.unreadable)} value(s) could not be opened and were left "
                "unchanged; keep every old key until they are resolved",
                returncode=1,
            )
        self.stdout.write(
            f"Every encrypted value is under {summary.key_id}. Older keys may now be removed "
            "from the key file; keep a copy of the old key file with each database backup "
            "made before this rotation."
        )

    def _status(self) -> None:
        ring = keys.keyring()
        usage = selectors.key_usage(fields=selectors.encrypted_fields())
        self.stdout.write(f"Key file: {keys.key_file()}")
        for key_id in sorted(set(ring.keys) | set(usage)):
            marks = []
            if key_id == ring.current:
                marks.append("current")
            if key_id not in ring.keys and key_id != selectors.MALFORMED:
                marks.append("MISSING from the key file")
            suffix = f" ({', '.join(marks)})" if marks else ""
            self.stdout.write(f"{key_id}: {usage.get(key_id, 0)} value(s){suffix}")
