"""The engine's per-project explanations in the reader's language.

The engine gives each explanation a `kind` and named values; the sentence
for each kind is here, under gettext. A kind this file does not know yet is
shown with the engine's English sentence rather than not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _


def _project_title(value: Any, projects: Mapping[str, Any]) -> str:
    project = projects.get(str(value))
    return project.title if project is not None else str(value)


def _templates() -> dict[str, str]:
    # The engine's kinds (townhall/engagement/pb/explain.py), same placeholders.
    return {
        "funded-shares": _("Funded: %(supporters)s supporters paid %(share)s each"),
        "funded-points": _("Funded: its supporters paid %(share)s per point they gave it"),
        "funded-free": _("Funded: it costs nothing and has supporters"),
        "funded-votes": _(
            "Funded: ranked %(rank)s with %(points)s votes, and it fitted the budget left"
        ),
        "funded-completion": _("Funded after equal shares ended: it fitted the budget left"),
        "funded-load": _(
            "Funded: each of its %(supporters)s supporters carries a load of %(load)s"
        ),
        "not-funded-ran-out": _(
            "Not funded: its supporters ran out of money after “%(after)s” was funded"
        ),
        "not-funded-too-expensive": _(
            "Not funded: its supporters together never had enough money for it"
        ),
        "not-funded-no-fit": _("Not funded: it did not fit in the budget that was left"),
        "not-funded-stopped": _(
            "Not funded: counting stopped at “%(stopped_at)s”, which did not fit"
        ),
        "not-funded-threshold": _("Not funded: under the score threshold of %(threshold)s"),
        "not-funded-no-support": _("Not funded: nobody voted for it"),
        "not-funded": _("Not funded"),
    }


def explanation_text(
    record: Mapping[str, Any] | None, *, currency: str, projects: Mapping[str, Any]
) -> str:
    """The sentence for a stored explanation ({"kind", "values", "text"})."""
    if not record:
        return ""
    values = dict(record.get("values") or {})
    for key, value in values.items():
        if isinstance(value, int) and not isinstance(value, bool):
            values[key] = f"{value:,}"
    for key in ("after", "stopped_at"):
        if key in values:
            values[key] = _project_title(values[key], projects)
    template = _templates().get(str(record.get("kind", "")))
    if template is not None:
        try:
            return template % values
        except (KeyError, TypeError, ValueError):
            pass
    return str(record.get("text") or "")
