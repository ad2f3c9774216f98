"""`outcome(instance, rule)`: which projects a rule funds, in the order it
funds them, with a plain explanation for every project.

Rules (see the modules for each rule's definition and tie-breaking):
- ``greedy`` — the cities' rule in the variant META ``rule`` names (greedy.py);
- ``mes`` — Method of Equal Shares without completion (mes.py);
- ``mes-add1`` — MES completed by Add1 (pabutools' ``voter_budget_increment=1``);
- ``mes-increase`` — MES completed by raising the budget in 1% steps;
- ``mes-greedy`` — MES, then pabutools' utilitarian greedy on what is left;
- ``phragmen`` — sequential Phragmén (approval and choose-1 ballots).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .explain import Explanation, money
from .greedy import FALLBACK, PLAIN, greedy, greedy_completion
from .mes import Columns, MesRun, mes, mes_add1, mes_increase
from .model import Instance
from .phragmen import phragmen
from .profile import Profile, build_profile

RULES = ("greedy", "mes", "mes-add1", "mes-increase", "mes-greedy", "phragmen")


@dataclass(frozen=True)
class Outcome:
    rule: str
    selected: tuple[str, ...]
    cost: int
    note: str = ""
    explanations: Mapping[str, Explanation] = field(default_factory=dict)


def outcome(instance: Instance, rule: str) -> Outcome:
    """The outcome of `rule`; ValueError for an unknown rule, or for
    Phragmén on ballots other than approval and choose-1."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; choose one of {', '.join(RULES)}")
    if rule == "greedy":
        return _greedy(instance)
    if rule == "phragmen":
        return _phragmen(instance)
    return _mes(instance, rule)


def _finish(
    instance: Instance, rule: str, chosen: list[str], note: str, expl: dict[str, Explanation]
) -> Outcome:
    cost = sum(instance.projects[p].cost for p in chosen)
    for pid in instance.projects:
        expl.setdefault(pid, Explanation("not-funded"))
    ordered = {pid: expl[pid] for pid in instance.projects}
    return Outcome(rule, tuple(chosen), cost, note, ordered)


def _greedy(instance: Instance) -> Outcome:
    declared = instance.meta.get("rule", "greedy").strip()
    note = ""
    variant = declared if declared in PLAIN else "greedy"
    if declared in FALLBACK:
        note = f"{declared} falls back to plain greedy"
    result = greedy(instance, variant)
    expl: dict[str, Explanation] = {}
    chosen = set(result.selected)
    for pid in instance.projects:
        values: dict[str, object] = {"rank": result.rank[pid], "points": result.points[pid]}
        if pid in chosen:
            expl[pid] = Explanation("funded-votes", values)
        elif pid in result.below_threshold:
            expl[pid] = Explanation("not-funded-threshold", {"threshold": result.threshold})
        elif result.stopped_at is not None and result.rank[pid] >= result.rank[result.stopped_at]:
            expl[pid] = Explanation("not-funded-stopped", {"stopped_at": result.stopped_at})
        else:
            expl[pid] = Explanation("not-funded-no-fit", values)
    return _finish(instance, "greedy", list(result.selected), note, expl)


def _phragmen(instance: Instance) -> Outcome:
    if instance.vote_type not in ("approval", "choose-1"):
        raise ValueError(f"phragmen needs approval or choose-1 ballots, not {instance.vote_type}")
    profile = build_profile(instance)
    result = phragmen(profile)
    ids = profile.ids
    votes = (profile.sat > 0).astype(int).T @ profile.weight
    expl: dict[str, Explanation] = {}
    for j in result.selected:
        load = float(result.loads.get(j, Fraction(0)))
        expl[ids[j]] = Explanation(
            "funded-load",
            {"supporters": int(votes[j]), "load": money(load, instance.currency)},
        )
    for j, pid in enumerate(ids):
        if pid not in expl:
            kind = "not-funded-no-support" if votes[j] == 0 else "not-funded-no-fit"
            expl[pid] = Explanation(kind)
    return _finish(instance, "phragmen", [ids[j] for j in result.selected], "", expl)


def _mes(instance: Instance, rule: str) -> Outcome:
    profile = build_profile(instance)
    columns = Columns(profile)
    note = ""
    if profile.voters == 0:
        return _finish(instance, rule, [], "no ballots", {})
    if rule == "mes-add1":
        run, steps = mes_add1(columns, trace=True)
        note = f"each voter's share was raised by {steps} to complete the outcome" if steps else ""
    elif rule == "mes-increase":
        run, steps = mes_increase(columns, trace=True)
        note = f"the shared budget was raised by {steps}% to complete the outcome" if steps else ""
    else:
        run = mes(columns, Fraction(profile.budget, profile.voters), trace=True)
    expl = _mes_explanations(instance, profile, columns, run)
    chosen = list(run.selected)
    if rule == "mes-greedy":
        added = greedy_completion(profile, chosen) if not _exhaustive_all(profile, chosen) else []
        for j in added:
            expl[profile.ids[j]] = Explanation("funded-completion")
        for j in range(len(profile.ids)):
            if j not in chosen and j not in added and profile.supported[j]:
                expl[profile.ids[j]] = Explanation("not-funded-no-fit")
        chosen += added
    return _finish(instance, rule, [profile.ids[j] for j in chosen], note, expl)


def _exhaustive_all(profile: Profile, chosen: list[int]) -> bool:
    spent = sum(int(profile.cost[j]) for j in chosen)
    return all(
        j in chosen or spent + int(profile.cost[j]) > profile.budget
        for j in range(len(profile.ids))
    )


def _mes_explanations(
    instance: Instance, profile: Profile, columns: Columns, run: MesRun
) -> dict[str, Explanation]:
    ids = profile.ids
    cost_sat = instance.vote_type in ("approval", "choose-1")
    supporters = (profile.sat > 0).astype(int).T @ profile.weight
    paid = run.selected[len(columns.free) :]
    expl: dict[str, Explanation] = {}
    for j in columns.free:
        expl[ids[j]] = Explanation("funded-free", {"supporters": int(supporters[j])})
    for j in paid:
        price = run.price[j]
        if cost_sat:
            share = money(price * float(profile.cost[j]), instance.currency)
            expl[ids[j]] = Explanation(
                "funded-shares", {"supporters": int(supporters[j]), "share": share}
            )
        else:
            expl[ids[j]] = Explanation("funded-points", {"share": money(price, instance.currency)})
    for j, pid in enumerate(ids):
        if pid in expl:
            continue
        if supporters[j] == 0:
            expl[pid] = Explanation("not-funded-no-support")
        elif run.dropped_after.get(j, -1) >= 0:
            expl[pid] = Explanation(
                "not-funded-ran-out", {"after": ids[paid[run.dropped_after[j]]]}
            )
        else:
            expl[pid] = Explanation("not-funded-too-expensive")
    return expl
