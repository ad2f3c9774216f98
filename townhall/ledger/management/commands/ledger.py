"""`townhall ledger …`: verify the log, check receipts, publish checkpoints.

townhall ledger verify                    recompute the whole log, check every checkpoint
townhall ledger verify-receipt FILE       check a receipt (FILE or - for standard input)
townhall ledger checkpoint [--watch]      sign a checkpoint if the log grew
townhall ledger key                       print the log's verifier key
townhall ledger cosign SIZE FILE          store a witness's add-checkpoint response
"""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from townhall.ledger import keys, selectors
from townhall.ledger.audit import AuditFailure, verify_log
from townhall.ledger.receipt import ReceiptError, verify_receipt
from townhall.ledger.services import (
    LedgerError,
    ledger_checkpoint_publish,
    ledger_cosignatures_add,
)


class Command(BaseCommand):
    help = "Verify the transparency ledger, check receipts and publish checkpoints."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", metavar="COMMAND", required=True)
        verify = commands.add_parser(
            "verify", help="Recompute every entry, tile and checkpoint; exit 1 on a mismatch."
        )
        verify.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")
        receipt = commands.add_parser(
            "verify-receipt", help="Check a receipt with only the receipt and the public key."
        )
        receipt.add_argument("file", help="The receipt JSON file, or - for standard input.")
        receipt.add_argument(
            "--key",
            help="The log's verifier key (name+id+key); defaults to this installation's key.",
        )
        checkpoint = commands.add_parser("checkpoint", help="Sign a checkpoint if the log grew.")
        checkpoint.add_argument(
            "--watch",
            action="store_true",
            help="Keep publishing every TOWNHALL_LEDGER_CHECKPOINT_INTERVAL seconds.",
        )
        checkpoint.add_argument(
            "--force", action="store_true", help="Ignore the interval since the last checkpoint."
        )
        commands.add_parser("key", help="Print the log's verifier key.")
        request = commands.add_parser(
            "witness-request",
            help="Print a tlog-witness add-checkpoint body for the latest checkpoint.",
        )
        request.add_argument("old", type=int, help="The size the witness last cosigned (or 0).")
        cosign = commands.add_parser(
            "cosign", help="Store a witness's cosignature lines for a checkpoint."
        )
        cosign.add_argument("size", type=int, help="The size of the cosigned checkpoint.")
        cosign.add_argument("file", help="The witness's response body, or - for standard input.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "verify":
            self._verify(progress=not options["no_progress"])
        elif action == "verify-receipt":
            self._verify_receipt(options["file"], options["key"])
        elif action == "checkpoint":
            self._checkpoint(watch=options["watch"], force=options["force"])
        elif action == "key":
            self.stdout.write(keys.verifier_key())
        elif action == "witness-request":
            latest = ledger_checkpoint_publish()
            if latest is None:
                raise CommandError("the log has no checkpoint yet")
            try:
                self.stdout.write(selectors.witness_request(options["old"], latest), ending="")
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        elif action == "cosign":
            try:
                stored = ledger_cosignatures_add(
                    size=options["size"], response=_read(options["file"])
                )
            except LedgerError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"Checkpoint {options['size']} has {len(stored)} cosignature(s).")

    def _verify(self, *, progress: bool) -> None:
        total = selectors.log_size()
        with tqdm(
            total=total,
            unit=" entries",
            unit_scale=True,
            disable=not progress,
            file=sys.stderr,
            desc="Verifying",
        ) as bar:
            try:
                summary = verify_log(progress=bar.update)
            except AuditFailure as exc:
                bar.close()
                self.stderr.write(f"FAILED: {exc}")
                raise CommandError("the ledger does not verify", returncode=1) from None
        rate = summary.entries / summary.seconds if summary.seconds else 0.0
        self.stdout.write(
            f"OK: {summary.entries} entries, {summary.tiles} tiles and "
            f"{summary.checkpoints} checkpoints verified in {summary.seconds:.2f} s "
            f"({rate:,.0f} entries/s).\n"
            f"Root at size {summary.entries}: {selectors.b64(summary.root)}"
        )

    def _verify_receipt(self, file: str, key: str | None) -> None:
        try:
            result = verify_receipt(_read(file), key or keys.verifier_key())
        except ReceiptError as exc:
            self.stderr.write(f"INVALID: {exc}")
            raise CommandError("the receipt does not verify", returncode=1) from None
        fields = result.fields
        self.stdout.write(
            f"VALID: entry {result.index} is in {result.checkpoint.origin} "
            f"(checkpoint of {result.checkpoint.size} entries, "
            f"root {selectors.b64(result.checkpoint.root)}).\n"
            f"kind={fields.get('kind')} subject={fields.get('subject')} time={fields.get('time')}"
        )

    def _checkpoint(self, *, watch: bool, force: bool) -> None:
        while True:
            checkpoint = ledger_checkpoint_publish(force=force)
            if checkpoint is not None and not watch:
                self.stdout.write(checkpoint.note, ending="")
            if not watch:
                return
            time.sleep(max(settings.LEDGER_CHECKPOINT_INTERVAL, 0.5))


def _read(file: str) -> str:
    if file == "-":
        return sys.stdin.read()
    try:
        return Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"cannot read {file}: {exc}") from None
