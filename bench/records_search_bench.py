"""Records search benchmark: 10,000 documents, p95 of the staff search vs a raw FTS query.

    .venv/bin/python bench/records_search_bench.py [--records 10000] [--queries 300]
        [--database-url postgres://…]

Loads --records records into a fresh database (SQLite in WAL mode in a
temporary folder by default; an empty PostgreSQL database with
--database-url), their text made of real sentences taken at random from the
service definitions and the documentation (about 250 words each, 20% with a
case reference and service). Then times, for the same queries in the same run:

- the staff search (`records_search`: count, ranked page of 20, snippets,
  records loaded), a third of the queries with a service filter;
- the baseline: the bare ranked full-text query on the same index (FTS5
  MATCH ... ORDER BY rank LIMIT 20 on SQLite; tsvector @@ tsquery ORDER BY
  ts_rank LIMIT 20 on PostgreSQL).

Prints p50/p95 of both and their ratio. Exits 1 if the search's p95 is not
under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
P95_TARGET_MS = 100.0
SERVICES = ["building-permit", "parking-permit", "tax-return", "pet-license", "event-permit"]


def _setup(directory: Path, database_url: str | None) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "townhall.settings",
            "TOWNHALL_DATA_DIR": str(directory),
            "TOWNHALL_DATABASE_URL": database_url or f"sqlite:///{directory / 'bench.sqlite3'}",
            "TOWNHALL_LEDGER_KEY_FILE": str(directory / "ledger.key"),
            "TOWNHALL_LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _sentences() -> list[str]:
    sources = [*(ROOT / "townhall/catalog/services").glob("*.yaml"), *(ROOT / "docs").glob("*.md")]
    found: list[str] = []
    for source in sources:
        text = re.sub(r"[`*#|>\[\]()_{}]", " ", source.read_text(encoding="utf-8"))
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
            words = sentence.split()
            letters = sum(ch.isalpha() for ch in sentence)
            if 6 <= len(words) <= 60 and letters > 0.7 * len(sentence.replace(" ", "")):
                found.append(" ".join(words))
    return found


def _load(count: int, rng: random.Random) -> list[str]:
    from townhall.records.models import Record, RecordType

    sentences = _sentences()
    record_type = RecordType.objects.get(slug="archive-scan")
    batch: list[Record] = []
    vocabulary: set[str] = set()
    for i in range(count):
        text = " ".join(rng.choice(sentences) for _ in range(rng.randint(8, 18)))
        title_words = rng.choice(sentences).split()[:6]
        linked = i % 5 == 0
        record = Record(
            title=" ".join(title_words),
            record_type=record_type,
            original_name=f"scan-{i:05d}.pdf",
            sha256=f"{i:064x}",
            size=len(text),
            kind="pdf",
            content_type="application/pdf",
            text=text,
            text_source="pdf",
            application_reference=f"BP-2025-{i:05d}" if linked else "",
            service_slug=SERVICES[i % len(SERVICES)] if linked else "",
        )
        batch.append(record)
        if i < 2000:
            vocabulary.update(w.lower() for w in re.findall(r"[^\W\d_]{4,}", text))
        if len(batch) == 1000:
            Record.objects.bulk_create(batch)
            batch = []
    if batch:
        Record.objects.bulk_create(batch)
    return sorted(vocabulary)


def _queries(vocabulary: list[str], count: int, rng: random.Random) -> list[tuple[str, str]]:
    from townhall.catalog.selectors import SEARCH_STOP_WORDS

    # Stop words are dropped by the search; a query of only those is no search.
    vocabulary = [word for word in vocabulary if word not in SEARCH_STOP_WORDS]
    queries = []
    for i in range(count):
        words = " ".join(rng.sample(vocabulary, rng.choice((1, 1, 2, 2, 3))))
        service = SERVICES[i % len(SERVICES)] if i % 3 == 0 else ""
        queries.append((words, service))
    return queries


def _baseline(words: str) -> None:
    from django.db import connection

    from townhall.catalog.selectors import search_terms

    terms = search_terms(words)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM records_recordsearch WHERE records_recordsearch MATCH %s"
                " ORDER BY rank LIMIT 20",
                [" ".join(f'"{t}"*' for t in terms)],
            )
        else:
            cursor.execute(
                "SELECT id FROM records_record, to_tsquery('english'::regconfig, %s) q"
                " WHERE search_vector @@ q ORDER BY ts_rank(search_vector, q) DESC LIMIT 20",
                [" & ".join(f"{t}:*" for t in terms)],
            )
        cursor.fetchall()


def _time(fn, items) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--database-url", help="An empty PostgreSQL database to use instead.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="townhall-records-bench-") as folder:
        _setup(Path(folder), args.database_url)
        from django.db import connection

        from townhall.records.models import Record
        from townhall.records.selectors import SearchFilters, records_search

        if args.database_url:
            Record.objects.all().delete()
        start = time.perf_counter()
        vocabulary = _load(args.records, rng)
        load_s = time.perf_counter() - start
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE records_record")
        queries = _queries(vocabulary, args.queries, rng)
        hits = [0]

        def search(query: tuple[str, str]) -> None:
            page = records_search(filters=SearchFilters(words=query[0], service=query[1]))
            hits[0] += page.total

        # One untimed pass of each warms the caches both will run with.
        _time(search, queries[:20])
        _time(_baseline, [q[0] for q in queries[:20]])
        searched = _time(search, queries)
        raw = _time(_baseline, [q[0] for q in queries])
        p95, raw_p95 = _p95(searched), _p95(raw)
        print(f"database: {connection.vendor}; {args.records} records loaded in {load_s:.1f} s")
        print(f"queries: {len(queries)}, mean hits per query {hits[0] / len(queries):.0f}")
        print(
            f"staff search: p50 {statistics.median(searched):.2f} ms, p95 {p95:.2f} ms"
            f" (target < {P95_TARGET_MS:.0f} ms)"
        )
        print(f"raw FTS query: p50 {statistics.median(raw):.2f} ms, p95 {raw_p95:.2f} ms")
        print(f"ratio search/raw at p95: {p95 / raw_p95:.1f}")
        if args.database_url:
            Record.objects.all().delete()
        return 0 if p95 < P95_TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
