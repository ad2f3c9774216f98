"""Citizen assistant: accuracy (full text only vs hybrid), answer latency, start-up.

    OMP_NUM_THREADS=1 .venv/bin/python bench/assistant_bench.py [--show]

Two question sets side by side: the shared development set
(../shared/data/assistant/dev_questions.jsonl) and our own held-out set of
everyday phrasings (townhall/assistant/tests/fixtures/heldout_questions.jsonl);
`--questions FILE.jsonl` adds another. Uses the database named by the settings
(run `townhall migrate` and load the catalogue first). One thread, so the
latency is what one core gives.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townhall.settings")

import django  # noqa: E402

django.setup()

from townhall.assistant.engine.encoder import load_encoder  # noqa: E402
from townhall.assistant.engine.evaluation import evaluate  # noqa: E402
from townhall.assistant.engine.index import Index  # noqa: E402
from townhall.assistant.knowledge import documents_current  # noqa: E402

SETS = {
    "dev": ROOT.parent / "shared/data/assistant/dev_questions.jsonl",
    "held-out": ROOT / "townhall/assistant/tests/fixtures/heldout_questions.jsonl",
}
TARGETS = "targets: top-1 >= 85%, top-3 >= 95%, out-of-scope >= 80%, case-status >= 90%"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", action="append", default=[], help="another JSONL set")
    parser.add_argument("--show", action="store_true", help="print each miss")
    args = parser.parse_args()
    sets = {name: path for name, path in SETS.items() if path.is_file()}
    sets.update({Path(extra).name: Path(extra) for extra in args.questions})
    documents = documents_current()
    start = time.perf_counter()
    encoder = load_encoder()
    hybrid = Index(documents, encoder=encoder)
    startup = time.perf_counter() - start
    indexes = {"full text only": Index(documents)}
    if encoder is not None:
        indexes["hybrid"] = hybrid
    print(f"{len(documents)} documents; start-up {startup:.2f} s (model load + every passage)")
    print(TARGETS)
    header = f"{'set':9} {'engine':15} {'n':>4} {'top-1':>6} {'top-3':>6} {'intent':>7}"
    print(f"{header} {'out-sc.':>7} {'status':>7} {'p50 ms':>7} {'p95 ms':>7}")
    for set_name, path in sets.items():
        items = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        for engine, index in indexes.items():
            s = evaluate(index, items)
            print(
                f"{set_name:9} {engine:15} {s.questions:4} {s.top1:6.0%} {s.top3:6.0%} "
                f"{s.intent:7.0%} {s.out_of_scope:7.0%} {s.case_status:7.0%} "
                f"{s.median_ms:7.1f} {s.p95_ms:7.1f}"
            )
            if args.show:
                for miss in s.misses:
                    print("    miss:", miss)


if __name__ == "__main__":
    main()
