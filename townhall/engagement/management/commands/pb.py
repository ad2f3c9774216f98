"""`townhall pb …`: participatory-budgeting files and outcomes.

townhall pb outcome FILE.pb --rule RULE [--json]   what a rule funds
townhall pb import FILE.pb [--name NAME]           create a process from a Pabulib file
townhall pb export PROCESS_ID [--district SLUG] -o FILE.pb

`outcome --json` prints exactly {"selected": [ids in funding order], "cost": total},
a contract other tools rely on; any note about the rule goes to standard error.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from townhall.engagement.pb.explain import describe
from townhall.engagement.pb.model import Instance
from townhall.engagement.pb.pabulib import PbFormatError, read_pb_file, write_pb
from townhall.engagement.pb.rules import RULES, outcome


class Command(BaseCommand):
    help = "Read, write and count participatory-budgeting elections in the Pabulib format."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", metavar="COMMAND", required=True)
        run = commands.add_parser("outcome", help="Print the projects a rule funds.")
        run.add_argument("file", help="A Pabulib .pb file.")
        run.add_argument("--rule", choices=RULES, default="greedy")
        run.add_argument("--json", action="store_true", help='Print {"selected", "cost"}.')
        load = commands.add_parser("import", help="Create a process from a Pabulib file.")
        load.add_argument("file", help="A Pabulib .pb file.")
        load.add_argument("--name", default="", help="The process name (default: from META).")
        dump = commands.add_parser("export", help="Write a process's ballots as a .pb file.")
        dump.add_argument("process_id", type=int)
        dump.add_argument("--district", default=None, help="The district's slug.")
        dump.add_argument("-o", "--output", required=True, help="The .pb file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "export":
            self._export(options)
            return
        instance = self._read(options["file"])
        if action == "import":
            from townhall.engagement.services_pb import pb_process_import

            name = options["name"] or _default_name(instance)
            created = pb_process_import(instance=instance, name=name)
            self.stdout.write(f"imported {options['file']} as {created}")
            return
        try:
            result = outcome(instance, options["rule"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if result.note:
            print(f"note: {result.note}", file=sys.stderr)
        if options["json"]:
            self.stdout.write(json.dumps({"selected": list(result.selected), "cost": result.cost}))
            return
        currency = instance.currency
        self.stdout.write(
            f"{result.rule}: {len(result.selected)} projects, {result.cost} {currency}"
        )
        for pid in instance.projects:
            self.stdout.write(f"  {pid}: {describe(result.explanations[pid])}")

    def _read(self, path: str) -> Instance:
        try:
            return read_pb_file(path)
        except PbFormatError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            sys.exit(1)
        except OSError as exc:
            print(f"{path}: {exc.strerror or exc}", file=sys.stderr)
            sys.exit(1)
        except UnicodeDecodeError:
            print(f"{path}: line 1: the file is not UTF-8 text", file=sys.stderr)
            sys.exit(1)

    def _export(self, options: dict[str, Any]) -> None:
        from townhall.engagement.services_pb import PbProcessNotFound, pb_process_export

        try:
            instance = pb_process_export(
                process_id=options["process_id"], district=options["district"]
            )
        except PbProcessNotFound as error:
            raise CommandError(str(error)) from None
        with open(options["output"], "w", encoding="utf-8", newline="") as handle:
            handle.write(write_pb(instance))
        self.stdout.write(f"wrote {options['output']}")


def _default_name(instance: Instance) -> str:
    meta = instance.meta
    parts = [meta.get("unit", ""), meta.get("district", ""), meta.get("instance", "")]
    return " ".join(p for p in parts if p) or "Imported process"
