"""Participatory-budgeting engine against pabutools, side by side in one run.

    .venv/bin/python bench/pb_bench.py [--skip-slow] [--data DIR]

On Warszawa 2023 Mokotów (11,067 voters): greedy, mes, mes-increase and
mes-add1, each timed including parsing, same outcome asserted, ratio printed
(--skip-slow skips pabutools' mes-add1, about 9 minutes). Then greedy on a
90,000-voter election made by replicating Katowice 2023's ballots (< 2 s
including parsing).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from townhall.engagement.pb.pabulib import read_pb_file, write_pb  # noqa: E402
from townhall.engagement.pb.rules import outcome  # noqa: E402


def pabutools_run(path: Path, rule: str) -> set[str]:
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import (
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    instance, profile = parse_pabulib(str(path))
    if rule == "greedy":
        result = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    elif rule == "mes":
        result = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    elif rule == "mes-add1":
        result = method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, voter_budget_increment=1
        )
    else:
        result = exhaustion_by_budget_increase(
            instance, profile, method_of_equal_shares, {"sat_class": Cost_Sat}
        )
    return {p.name for p in result}


def ours(path: Path, rule: str) -> set[str]:
    return set(outcome(read_pb_file(path), rule).selected)


def timed(func, *args):
    start = time.perf_counter()
    value = func(*args)
    return value, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-slow", action="store_true", help="Skip pabutools' mes-add1.")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "pb"))
    args = parser.parse_args()
    data = Path(args.data)
    mokotow = data / "Poland_Warszawa_2023_Mokotow.pb"
    failed = False
    print(f"{'rule':14} {'pabutools s':>12} {'engine s':>9} {'ratio':>7}  same")
    for rule in ("greedy", "mes", "mes-increase", "mes-add1"):
        mine, t_mine = timed(ours, mokotow, rule)
        if rule == "mes-add1" and args.skip_slow:
            print(f"{rule:14} {'skipped':>12} {t_mine:9.2f}")
            continue
        theirs, t_theirs = timed(pabutools_run, mokotow, rule)
        same = mine == theirs
        failed |= not same
        print(f"{rule:14} {t_theirs:12.2f} {t_mine:9.2f} {t_theirs / t_mine:6.0f}x  {same}")
    katowice = read_pb_file(data / "Poland_Katowice_2023.pb")
    copies = -(-90_000 // len(katowice.ballots))
    ballots = [
        type(b)(voter_id=f"{n}-{b.voter_id}", points=b.points, extra=b.extra)
        for n in range(copies)
        for b in katowice.ballots
    ][:90_000]
    big = type(katowice)(katowice.meta, katowice.projects, ballots, "cumulative", katowice.budget)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "katowice_90000.pb"
        path.write_text(write_pb(big), encoding="utf-8")
        _, seconds = timed(ours, path, "greedy")
    ok = seconds < 2
    failed |= not ok
    print(f"greedy, 90,000 voters incl. parsing: {seconds:.2f} s (target < 2 s) {ok}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
