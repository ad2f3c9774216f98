"""Counting a district: the process's rule on its anonymous ballots, what the
other rules would have funded, the ledger entry and the published ballots.

The result is stored once and every page reads the stored row: a results
page for 100,000 voters never recounts.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.engagement import engine
from townhall.engagement.models import (
    Ballot,
    District,
    PBProcess,
    Phase,
    Project,
    ProjectStatus,
    Result,
    VoteType,
)
from townhall.engagement.services import EngagementError
from townhall.ledger.services import ledger_append

logger = logging.getLogger(__name__)


def _rules_for(vote_type: str) -> list[str]:
    rules = list(engine.engine_rules())
    # Sequential Phragmén is defined for approval ballots only.
    if vote_type not in (VoteType.APPROVAL, VoteType.CHOOSE_ONE):
        rules = [rule for rule in rules if rule != "phragmen"]
    return rules


@transaction.atomic
def results_compute(*, district: District, actor: Any = None) -> Result:
    """Count the district with its process's rule, store and log the result.

    Only once voting has closed: a count while ballots can still change
    would be published and then be wrong.
    """
    # Read afresh and locked: ballot_cast takes the same lock, so no ballot
    # slips in while the count runs.
    process = PBProcess.objects.select_for_update().get(pk=district.process_id)
    district.process = process
    if process.phase not in (Phase.RESULTS, Phase.CLOSED):
        raise EngagementError(_("Close voting (move the process to its results phase) first"))
    projects = list(Project.objects.filter(district=district).on_ballot())
    contents = Ballot.objects.filter(district=district).values_list("content", flat=True)
    canonical = engine.canonical_ballots(contents.iterator(chunk_size=5000))
    digest = engine.ballot_set_sha256(canonical)
    instance = engine.engine_instance(district, canonical, projects=projects)
    try:
        outcome = engine.engine_outcome(instance, process.rule)
    except ValueError as exc:
        raise EngagementError(
            _("The rule %(rule)s cannot count these ballots: %(reason)s")
            % {"rule": process.rule, "reason": exc}
        ) from None

    comparison: dict[str, list[str]] = {}
    for rule in _rules_for(process.vote_type):
        if rule == process.rule:
            comparison[rule] = list(outcome.selected)
            continue
        try:
            comparison[rule] = list(engine.engine_outcome(instance, rule).selected)
        except ValueError as exc:
            # A rule the engine does not define for this ballot type is left out.
            logger.info("rule %s not compared on %s: %s", rule, district.slug, exc)

    counts = engine.ballot_counts(instance_contents(canonical))
    use_score = process.vote_type in (VoteType.CUMULATIVE, VoteType.ORDINAL)
    tally = {
        str(p.pk): int((counts["score"] if use_score else counts["votes"]).get(str(p.pk), 0))
        for p in projects
    }
    explanations = {
        str(pid): engine.explanation_record(expl)
        for pid, expl in dict(getattr(outcome, "explanations", {}) or {}).items()
    }
    selected = [str(pid) for pid in outcome.selected]
    Project.objects.filter(pk__in=[p.pk for p in projects]).update(
        status=ProjectStatus.NOT_SELECTED
    )
    Project.objects.filter(pk__in=[int(pid) for pid in selected]).update(
        status=ProjectStatus.SELECTED
    )
    entry = ledger_append(
        kind="pb.tally",
        subject=f"pb:{process.slug}:{district.slug}",
        payload={
            "rule": process.rule,
            "parameters": {
                "budget": district.budget,
                "vote_type": process.vote_type,
                "max_projects": process.max_projects,
                "points": process.points if process.vote_type == VoteType.CUMULATIVE else None,
            },
            "selected": selected,
            "ballot_set_sha256": digest,
            "counts": tally,
            "ballots": len(canonical),
        },
        actor=actor,
    )
    from townhall.engagement.pb.pabulib import write_pb

    result, _created = Result.objects.update_or_create(
        district=district,
        defaults={
            "rule": process.rule,
            "selected": selected,
            "cost": int(outcome.cost),
            "note": getattr(outcome, "note", "") or "",
            "explanations": explanations,
            "comparison": comparison,
            "counts": tally,
            "ballot_count": len(canonical),
            "ballot_set_sha256": digest,
            "ledger_index": entry.index,
            "computed_at": timezone.now(),
            "published_pb": write_pb(instance),
        },
    )
    return result


def instance_contents(canonical: list[str]) -> list[dict[str, Any]]:
    import json

    return [json.loads(text) for text in canonical]
