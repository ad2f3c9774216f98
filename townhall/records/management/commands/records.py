"""`townhall records …`: import a folder of documents, index case documents, list what is due.

townhall records import DIR [--type SLUG] [--no-progress]
townhall records index-cases
townhall records due
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from townhall.records import extraction
from townhall.records.models import RecordType
from townhall.records.selectors import records_due_for_destruction
from townhall.records.services import (
    RecordDuplicate,
    RecordRejected,
    record_create,
    records_case_documents_index,
)

DEFAULT_TYPE = "archive-scan"


class Command(BaseCommand):
    help = "Import digitised records, index case documents, list records due for destruction."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", metavar="COMMAND", required=True)
        importer = commands.add_parser(
            "import", help="Import every PDF, image and text file under a folder."
        )
        importer.add_argument("folder", help="The folder to import (walked recursively).")
        importer.add_argument(
            "--type",
            default=DEFAULT_TYPE,
            help=f"The record type's slug, which sets retention (default {DEFAULT_TYPE}).",
        )
        importer.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")
        commands.add_parser("index-cases", help="Make documents of sent applications searchable.")
        commands.add_parser("due", help="List records whose retention period has ended.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            self._import(Path(options["folder"]), options["type"], not options["no_progress"])
        elif action == "index-cases":
            added = records_case_documents_index()
            self.stdout.write(f"Indexed {added} case documents.")
        elif action == "due":
            for record in records_due_for_destruction(limit=100_000):
                self.stdout.write(
                    f"{record.uid.hex}  {record.dispose_after}  {record.record_type.rule}"
                )

    def _import(self, folder: Path, type_slug: str, progress: bool) -> None:
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        record_type = RecordType.objects.filter(slug=type_slug).first()
        if record_type is None:
            known = ", ".join(RecordType.objects.values_list("slug", flat=True))
            raise CommandError(f"there is no record type {type_slug!r} (known: {known})")
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        imported: list[str] = []
        duplicates: list[tuple[str, str]] = []
        rejected: list[tuple[str, str]] = []
        no_text: list[str] = []
        ocr_needed = False
        bar = tqdm(files, desc="Importing", unit="file", disable=not progress, file=self.stderr)
        for path in bar:
            name = str(path.relative_to(folder))
            try:
                content = path.read_bytes()
                created = record_create(content=content, name=path.name, record_type=record_type)
            except RecordDuplicate as exc:
                duplicates.append((name, exc.existing.uid.hex))
                continue
            except RecordRejected as exc:
                rejected.append((name, str(exc)))
                continue
            except OSError as exc:
                rejected.append((name, f"cannot be read ({exc.strerror})"))
                continue
            imported.append(name)
            if created.extracted.source == "none":
                no_text.append(name)
                if created.extracted.kind in extraction.IMAGE_KINDS | {"pdf"}:
                    ocr_needed = True
        self._report(imported, duplicates, rejected, no_text, ocr_needed)

    def _report(
        self,
        imported: list[str],
        duplicates: list[tuple[str, str]],
        rejected: list[tuple[str, str]],
        no_text: list[str],
        ocr_needed: bool,
    ) -> None:
        out = self.stdout
        out.write(
            f"Imported {len(imported)}, skipped {len(duplicates)} duplicates, "
            f"rejected {len(rejected)}."
        )
        for name, existing in duplicates:
            out.write(f"  duplicate: {name} (same checksum as record {existing})")
        for name, reason in rejected:
            out.write(f"  rejected: {name}: {reason}")
        if no_text:
            out.write(f"No text in {len(no_text)} of the imported files:")
            for name in no_text:
                out.write(f"  no text: {name}")
        if ocr_needed and not extraction.ocr_available():
            out.write(
                "No OCR available: install Tesseract (apt-get install tesseract-ocr "
                "tesseract-ocr-eng poppler-utils) to read scans and images."
            )
        elif ocr_needed and not extraction.pdf_ocr_available():
            out.write("No OCR available for scanned PDFs: install poppler-utils (pdftoppm).")
