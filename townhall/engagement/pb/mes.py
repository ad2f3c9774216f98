"""The Method of Equal Shares (MES) and its two completions, Add1 and
budget increase, as pabutools 1.2.3 defines them.

MES, as computed here: every voter starts with the same share of the money
(the budget divided by the number of voters, as an exact fraction). A project
costs `c`; each supporter pays for it in proportion to their satisfaction `u`
at a price `rho` per unit, or everything they have left when that is less:
`rho` is the smallest value with `sum(min(budget_i, rho * u_i)) == c`. Each
round funds the affordable project with the lowest `rho`; a project is
affordable while its supporters together still hold at least its cost. MES
stops when no project is affordable. Supported projects that cost nothing
are funded first; projects nobody supports are never funded.

Ties (two projects at exactly the same `rho`) go to the project whose id
sorts first as a string, which is pabutools' default `lexico_tie_breaking`
(it compares `Project.name`, which it reads from `project_id`).

Speed and exactness: a run works on the merged ballot matrix (one row per
distinct ballot, with a weight) in float64, evaluates projects lazily (a
project's `rho` only grows as budgets fall, so last round's value is a lower
bound and most projects need no new evaluation), and sorts supporters only
when some of them cannot pay the equal share. Floats decide nothing close:
whenever two prices, or a project's cost and its supporters' money, are
within a relative 1e-9 of each other the whole run is redone in exact
fractions, which is what pabutools computes throughout. So outcomes are the
exact ones; only the speed depends on the data.

Completions (pabutools' semantics, including when they stop):
- Add1 (`voter_budget_increment=1`): rerun with each voter's budget one unit
  higher while the outcome is feasible and not exhaustive (exhaustive with
  respect to supported projects); return the first exhaustive outcome, or the
  last feasible one before an infeasible run.
- budget increase (`exhaustion_by_budget_increase`): rerun as if the budget
  were 1% higher each time (the per-voter share is that budget divided by the
  voters); same stopping, but exhaustive is judged against every project.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from .profile import Profile

FloatArray = npt.NDArray[np.float64]
_TOL = 1e-9


class _Ambiguous(Exception):
    """Floats cannot tell two values apart: decide in exact arithmetic."""


@dataclass
class MesRun:
    selected: list[int] = field(default_factory=list)
    # Price per satisfaction unit paid for each funded project.
    price: dict[int, float] = field(default_factory=dict)
    # Project -> position in `selected` after which its supporters could no
    # longer pay for it (-1: never could). Filled only when traced.
    dropped_after: dict[int, int] = field(default_factory=dict)
    exact: bool = False


class Columns:
    """Per-project views of the ballot matrix, built once per profile and
    reused by every rerun of a completion."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        sat = profile.sat
        self.cost = profile.cost.astype(np.float64)
        self.sup: list[npt.NDArray[np.intp]] = []
        self.u: list[FloatArray] = []
        self.w: list[FloatArray] = []
        self.wu: list[FloatArray] = []
        self.wu_sum: list[float] = []
        for j in range(len(profile.ids)):
            rows = np.flatnonzero(sat[:, j])
            self.sup.append(rows)
            u = sat[rows, j].astype(np.float64)
            w = profile.weight[rows].astype(np.float64)
            self.u.append(u)
            self.w.append(w)
            self.wu.append(w * u)
            self.wu_sum.append(float((w * u).sum()))
        supported = profile.supported
        self.free = [j for j in range(len(profile.ids)) if supported[j] and profile.cost[j] == 0]
        self.paid = [j for j in range(len(profile.ids)) if supported[j] and profile.cost[j] > 0]
        # Exact data for the fallback: supporters' (row, weight, satisfaction).
        self.exact_sup = [
            [(int(i), int(profile.weight[i]), int(sat[i, j])) for i in self.sup[j]]
            for j in range(len(profile.ids))
        ]


def mes(columns: Columns, per_voter: Fraction, *, trace: bool = False) -> MesRun:
    """One run of MES with each voter holding `per_voter`."""
    try:
        return _mes_float(columns, float(per_voter), trace)
    except _Ambiguous:
        return _mes_exact(columns, per_voter, trace)


def _rho_float(c: Columns, j: int, budgets: FloatArray) -> float:
    bb = budgets[c.sup[j]]
    cost = c.cost[j]
    total = float(np.dot(c.w[j], bb))
    if total < cost * (1 - _TOL):
        return math.inf
    if total <= cost * (1 + _TOL):
        raise _Ambiguous
    ratio = bb / c.u[j]
    rho0 = cost / c.wu_sum[j]
    if rho0 <= ratio.min():
        return float(rho0)
    order = np.argsort(ratio, kind="stable")
    r = ratio[order]
    wb = (c.w[j] * bb)[order]
    wu = c.wu[j][order]
    paid_before = np.cumsum(wb) - wb
    rich = c.wu_sum[j] - (np.cumsum(wu) - wu)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = (cost - paid_before) / rich
    ok = rho <= r
    k = int(np.argmax(ok)) if ok.any() else len(r) - 1
    return float(rho[k])


def _mes_float(c: Columns, per_voter: float, trace: bool) -> MesRun:
    run = MesRun(selected=list(c.free))
    budgets = np.full(len(c.profile.weight), per_voter)
    remaining = list(c.paid)
    lower = {j: c.cost[j] / c.wu_sum[j] for j in remaining}
    names = c.profile.ids
    if trace:
        _trace_drops(c, run, remaining, budgets, -1)
    while remaining:
        best = math.inf
        computed: dict[int, float] = {}
        for j in sorted(remaining, key=lower.__getitem__):
            if lower[j] > best * (1 + _TOL):
                break
            rho = _rho_float(c, j, budgets)
            if rho == math.inf:
                remaining.remove(j)
                run.dropped_after.setdefault(j, len(run.selected) - 1 - len(c.free))
                continue
            lower[j] = computed[j] = rho
            best = min(best, rho)
        if best == math.inf:
            break
        tied = [j for j, rho in computed.items() if rho <= best * (1 + _TOL)]
        if len(tied) > 1:
            raise _Ambiguous
        j = tied[0]
        rows = c.sup[j]
        budgets[rows] = np.maximum(budgets[rows] - best * c.u[j], 0.0)
        run.selected.append(j)
        run.price[j] = best
        remaining.remove(j)
        if trace:
            _trace_drops(c, run, remaining, budgets, len(run.selected) - 1 - len(c.free))
    del names
    return run


def _trace_drops(
    c: Columns, run: MesRun, remaining: list[int], budgets: FloatArray, after: int
) -> None:
    for j in list(remaining):
        if float(np.dot(c.w[j], budgets[c.sup[j]])) < c.cost[j] * (1 - _TOL):
            run.dropped_after.setdefault(j, after)


def _rho_exact(c: Columns, j: int, budgets: list[Fraction]) -> Fraction | None:
    cost = int(c.profile.cost[j])
    sup = c.exact_sup[j]
    if sum(w * budgets[i] for i, w, _ in sup) < cost:
        return None
    paid = Fraction(0)
    rich = sum(w * u for _, w, u in sup)
    for i, w, u in sorted(sup, key=lambda s: budgets[s[0]] / s[2]):
        rho = (cost - paid) / rich
        if rho * u <= budgets[i]:
            return rho
        paid += w * budgets[i]
        rich -= w * u
    raise AssertionError("an affordable project always has a price")


def _mes_exact(c: Columns, per_voter: Fraction, trace: bool) -> MesRun:
    run = MesRun(selected=list(c.free), exact=True)
    budgets = [Fraction(per_voter)] * len(c.profile.weight)
    remaining = list(c.paid)
    lower: dict[int, Fraction] = {
        j: Fraction(int(c.profile.cost[j]), sum(w * u for _, w, u in c.exact_sup[j]))
        for j in remaining
    }
    names = c.profile.ids

    def drops(after: int) -> None:
        for j in list(remaining):
            if sum(w * budgets[i] for i, w, _ in c.exact_sup[j]) < int(c.profile.cost[j]):
                run.dropped_after.setdefault(j, after)

    if trace:
        drops(-1)
    while remaining:
        best: Fraction | None = None
        tied: list[int] = []
        for j in sorted(remaining, key=lower.__getitem__):
            if best is not None and lower[j] > best:
                break
            rho = _rho_exact(c, j, budgets)
            if rho is None:
                remaining.remove(j)
                run.dropped_after.setdefault(j, len(run.selected) - 1 - len(c.free))
                continue
            lower[j] = rho
            if best is None or rho < best:
                best, tied = rho, [j]
            elif rho == best:
                tied.append(j)
        if best is None:
            break
        j = min(tied, key=lambda t: names[t])
        for i, _, u in c.exact_sup[j]:
            budgets[i] -= min(budgets[i], best * u)
        run.selected.append(j)
        run.price[j] = float(best)
        remaining.remove(j)
        if trace:
            drops(len(run.selected) - 1 - len(c.free))
    return run


def _cost(c: Columns, selected: list[int]) -> int:
    return int(sum(int(c.profile.cost[j]) for j in selected))


def _exhaustive(c: Columns, selected: list[int], candidates: list[int]) -> bool:
    spent = _cost(c, selected)
    chosen = set(selected)
    budget = c.profile.budget
    return all(j in chosen or spent + int(c.profile.cost[j]) > budget for j in candidates)


def mes_add1(columns: Columns, *, trace: bool = False) -> tuple[MesRun, int]:
    """MES completed by Add1; also returns how many units were added."""
    profile = columns.profile
    start = Fraction(profile.budget, profile.voters)
    candidates = columns.paid
    previous = MesRun()
    step = 0
    while True:
        run = mes(columns, start + step)
        if _cost(columns, run.selected) > profile.budget:
            final, used = previous, step - 1
            break
        if _exhaustive(columns, run.selected, candidates):
            final, used = run, step
            break
        previous = run
        step += 1
    if trace and used >= 0:
        final = mes(columns, start + used, trace=True)
    return final, max(used, 0)


def mes_increase(columns: Columns, *, trace: bool = False) -> tuple[MesRun, int]:
    """MES completed by raising the shared budget in 1% steps; also returns
    how many steps were taken."""
    profile = columns.profile
    everything = list(range(len(profile.ids)))
    previous = MesRun()
    bound = profile.budget * (profile.voters + 1)
    step = 0
    used = -1
    while profile.budget + Fraction(profile.budget * step, 100) <= bound:
        shared = profile.budget + Fraction(profile.budget * step, 100)
        run = mes(columns, shared / profile.voters)
        if _cost(columns, run.selected) > profile.budget:
            break
        previous, used = run, step
        if _exhaustive(columns, run.selected, everything):
            break
        # Once every supported project is funded, more money changes nothing
        # that matters here (pabutools would keep going up to its bound).
        if len(run.selected) == len(columns.paid) + len(columns.free):
            break
        # A zero budget has zero steps: pabutools would loop for ever here.
        if profile.budget == 0:
            break
        step += 1
    if trace and used >= 0:
        shared = profile.budget + Fraction(profile.budget * used, 100)
        previous = mes(columns, shared / profile.voters, trace=True)
    return previous, max(used, 0)
