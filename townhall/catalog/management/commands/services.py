from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from townhall.catalog.definition import DefinitionErrors
from townhall.catalog.services import service_definitions_load


class Command(BaseCommand):
    help = "Manage the service catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        load = commands.add_parser("load", help="Validate and publish the YAML files in DIR.")
        load.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder")
        try:
            result = service_definitions_load(directory=directory)
        except DefinitionErrors as errors:
            raise CommandError(f"nothing was loaded:\n{errors}") from None
        except ValueError as error:
            raise CommandError(f"nothing was loaded: {error}") from None
        for slug in result.published:
            self.stdout.write(f"published {slug}")
        self.stdout.write(f"{len(result.published)} published, {len(result.unchanged)} unchanged")
