"""`townhall assistant …`: ask the citizen assistant, rebuild its index.

townhall assistant ask "QUESTION" [--json]   one answer
townhall assistant ask --batch FILE.jsonl    one {"question": …} per line in, one answer out
townhall assistant reindex                   rebuild the index from the current guidance
townhall assistant purge                     delete conversations past the retention period

`--json` and `--batch` print exactly {"intent", "answer", "sources", "confidence"},
a contract other tools rely on; sources[0] is the best match.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

CONTRACT_KEYS = ("intent", "answer", "sources", "confidence")


def _contract(result: dict[str, Any]) -> dict[str, Any]:
    return {key: result[key] for key in CONTRACT_KEYS}


class Command(BaseCommand):
    help = "Ask the citizen assistant questions, or rebuild its index."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", metavar="COMMAND", required=True)
        ask = commands.add_parser("ask", help="Answer a question, or a file of them.")
        ask.add_argument("question", nargs="?", help="The question, in quotes.")
        ask.add_argument("--json", action="store_true", help="Print the answer object.")
        ask.add_argument("--batch", metavar="FILE.jsonl", help='One {"question": …} per line.')
        commands.add_parser("reindex", help="Rebuild the index from the current guidance.")
        commands.add_parser("purge", help="Delete conversations past the retention period.")

    def handle(self, *args: Any, **options: Any) -> None:
        from townhall.assistant.answers import answer  # noqa: PLC0415 - needs apps loaded
        from townhall.assistant.knowledge import index_rebuild, mode  # noqa: PLC0415

        action = options["action"]
        if action == "reindex":
            index = index_rebuild()
            self.stdout.write(f"indexed {len(index.documents)} documents ({mode()})")
            return
        if action == "purge":
            from townhall.assistant.services import conversations_expired_delete  # noqa: PLC0415

            self.stdout.write(f"deleted {conversations_expired_delete()} conversations")
            return
        if options["batch"]:
            if options["question"]:
                raise CommandError("give either a QUESTION or --batch FILE, not both")
            self._batch(options["batch"], answer)
            return
        question = (options["question"] or "").strip()
        if not question:
            raise CommandError('give a question: townhall assistant ask "QUESTION" --json')
        result = answer(question)
        if options["json"]:
            self.stdout.write(json.dumps(_contract(result), ensure_ascii=False))
            return
        self.stdout.write(result["answer"])
        for source in result["sources"]:
            self.stdout.write(f"  {source['kind']}: {source['slug']} {source['url']}")

    def _batch(self, path: str, answer: Any) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        questions = []
        # Every line is checked before any answer is written, so bad input
        # produces a clear error and no partial output.
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CommandError(f"{path} line {number}: not JSON ({exc.msg})") from exc
            if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                raise CommandError(f'{path} line {number}: expected {{"question": "…"}}')
            questions.append(item["question"])
        for question in questions:
            self.stdout.write(json.dumps(_contract(answer(question)), ensure_ascii=False))
