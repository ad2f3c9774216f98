"""Citizen assistant: dev-set accuracy (full text only vs hybrid), answer latency, start-up.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/assistant_bench.py \
        [--questions ../shared/data/assistant/dev_questions.jsonl]

Uses the database named by the settings (run `townhall migrate` and load the
catalogue first). One thread, so the latency is what one core gives.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townhall.settings")

import django  # noqa: E402

django.setup()

from townhall.assistant.engine.encoder import load_encoder  # noqa: E402
from townhall.assistant.engine.index import Index  # noqa: E402
from townhall.assistant.engine.intents import decide  # noqa: E402
from townhall.assistant.knowledge import documents_current  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/assistant/dev_questions.jsonl"


def evaluate(index: Index, items: list[dict]) -> dict[str, float]:
    top1 = top3 = with_slug = intents = 0
    latencies = []
    for item in items:
        start = time.perf_counter()
        hits = index.search(item["question"], limit=3)
        decision = decide(item["question"], hits, hybrid=index.hybrid)
        latencies.append(time.perf_counter() - start)
        intents += decision.intent == item["intent"]
        if item.get("slug"):
            with_slug += 1
            slugs = [hit.document.slug for hit in hits]
            top1 += bool(slugs) and slugs[0] == item["slug"]
            top3 += item["slug"] in slugs
    latencies.sort()
    return {
        "top1": top1 / with_slug,
        "top3": top3 / with_slug,
        "intent": intents / len(items),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "median_ms": 1000 * statistics.median(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(DEFAULT))
    parser.add_argument("--show", action="store_true", help="print each miss")
    args = parser.parse_args()
    items = [json.loads(line) for line in Path(args.questions).read_text().splitlines() if line]
    documents = documents_current()
    start = time.perf_counter()
    encoder = load_encoder()
    hybrid = Index(documents, encoder=encoder)
    startup = time.perf_counter() - start
    text_only = Index(documents)
    rows = {"full text only": evaluate(text_only, items)}
    if encoder is not None:
        rows["hybrid"] = evaluate(hybrid, items)
    print(f"{len(items)} questions, {len(documents)} documents; start-up {startup:.2f} s")
    print(f"{'':16} {'top-1':>7} {'top-3':>7} {'intent':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for name, r in rows.items():
        print(
            f"{name:16} {r['top1']:7.0%} {r['top3']:7.0%} {r['intent']:7.0%} "
            f"{r['median_ms']:8.1f} {r['p95_ms']:8.1f}"
        )
    if args.show:
        for item in items:
            hits = hybrid.search(item["question"], limit=3)
            d = decide(item["question"], hits, hybrid=hybrid.hybrid)
            slugs = [h.document.slug for h in hits]
            if d.intent != item["intent"] or (item.get("slug") and slugs[:1] != [item["slug"]]):
                print(item, d, [(h.document.slug, round(h.score, 3)) for h in hits])


if __name__ == "__main__":
    main()
