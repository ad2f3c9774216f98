"""Per-project explanations of an outcome, as data the app can translate.

An `Explanation` is a `kind` plus named values; `describe` renders the
English sentence. The app translates by `kind` (gettext msgids with the same
named placeholders), so the values stay plain numbers and strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Explanation:
    kind: str
    values: Mapping[str, object] = field(default_factory=dict)


# kind -> English template; {money} values are amounts in the META currency.
TEMPLATES: Mapping[str, str] = {
    "funded-shares": "funded: {supporters} supporters paid {share} each",
    "funded-points": "funded: its supporters paid {share} per point they gave it",
    "funded-free": "funded: it costs nothing and has supporters",
    "funded-votes": "funded: ranked {rank} with {points} votes, and it fitted the budget left",
    "funded-completion": "funded after equal shares ended: it fitted the budget left",
    "funded-load": "funded: each of its {supporters} supporters carries a load of {load}",
    "not-funded-ran-out": (
        "not funded: its supporters ran out of money after project {after} was funded"
    ),
    "not-funded-too-expensive": (
        "not funded: its supporters together never had enough money for it"
    ),
    "not-funded-no-fit": "not funded: did not fit in the remaining budget",
    "not-funded-stopped": (
        "not funded: counting stopped at project {stopped_at}, which did not fit"
    ),
    "not-funded-threshold": "not funded: under the score threshold of {threshold}",
    "not-funded-no-support": "not funded: nobody voted for it",
    "not-funded": "not funded",
}


def money(amount: float, currency: str) -> str:
    text = f"{amount:,.0f}" if amount >= 100 else f"{amount:,.2f}"
    return f"{text} {currency}".strip()


def describe(expl: Explanation) -> str:
    """The English sentence for an explanation."""
    template = TEMPLATES.get(expl.kind, expl.kind)
    values = {k: (f"{v:,}" if isinstance(v, int) else v) for k, v in expl.values.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template
