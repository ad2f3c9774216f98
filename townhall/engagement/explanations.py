"""The engine's per-project explanations in the reader's language.

The engine gives each explanation a `kind` and named values; the sentence
for each kind is here, under gettext. A kind this file does not know yet is
shown with the engine's English sentence rather than not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _


def _money(value: Any, currency: str) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"
    return f"{text} {currency}".strip()


def _project_title(value: Any, projects: Mapping[str, Any]) -> str:
    project = projects.get(str(value))
    return project.title if project is not None else str(value)


def explanation_text(
    record: Mapping[str, Any] | None, *, currency: str, projects: Mapping[str, Any]
) -> str:
    if not record:
        return ""
    kind = record.get("kind", "")
    raw = dict(record.get("values") or {})
    values = dict(raw)
    for key in ("price", "per_voter", "paid", "share", "amount", "remaining", "cost", "budget"):
        if key in values:
            values[key] = _money(values[key], currency)
    for key in ("supporters", "votes", "voters", "score", "threshold"):
        if isinstance(values.get(key), int):
            values[key] = f"{values[key]:,}"
    for key in ("after", "project", "last"):
        if key in values:
            values[key] = _project_title(values[key], projects)
    templates = {
        "funded_greedy": _("Funded: %(votes)s votes, and it still fitted in the budget"),
        "funded_mes": _("Funded: %(supporters)s supporters paid %(price)s each"),
        "funded_completion": _("Funded when the budget left over was shared out"),
        "not_funded_no_fit": _("Not funded: it did not fit in the budget that was left"),
        "not_funded_ran_out": _(
            "Not funded: its supporters ran out of money after “%(after)s” was funded"
        ),
        "not_funded_threshold": _("Not funded: its score was under the threshold of %(threshold)s"),
        "not_funded_stopped": _("Not funded: counting stopped at the first project that did not fit"),
    }
    template = templates.get(kind)
    if template is not None:
        try:
            return template % values
        except (KeyError, TypeError, ValueError):
            pass
    return str(record.get("text") or "")
