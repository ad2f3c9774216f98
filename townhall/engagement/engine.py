"""The one place where the app meets the pure voting engine (pb/): a
district's projects and stored ballots become an engine `Instance`.

Project ids given to the engine are the projects' primary keys as strings,
the same ids the stored ballot content uses.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings

from townhall.engagement.models import District, PBProcess, Project, Rule, VoteType

# The app's rule -> the Pabulib META `rule` name, written into exports.
PABULIB_RULE = {
    Rule.GREEDY: "greedy",
    Rule.MES: "equalshares",
    Rule.MES_ADD1: "equalshares/add1",
    Rule.MES_INCREASE: "equalshares/increase",
    Rule.MES_GREEDY: "equalshares/greedy",
    Rule.PHRAGMEN: "phragmen",
}


def rule_from_pabulib(name: str) -> str:
    """The rule a Pabulib file's META `rule` names; greedy when unsure
    (what almost every city uses, and the engine reads the variant itself)."""
    name = (name or "").strip().lower()
    for rule, pabulib in PABULIB_RULE.items():
        if name == pabulib:
            return str(rule)
    if name.startswith("equalshares"):
        return str(Rule.MES_ADD1) if "add1" in name else str(Rule.MES)
    return str(Rule.GREEDY)


def canonical_ballots(contents: Iterable[Mapping[str, Any]]) -> list[str]:
    """Each ballot as canonical JSON, sorted: the order says nothing of when
    or by whom it was cast, and anyone can rebuild it from the .pb file."""
    return sorted(json.dumps(c, sort_keys=True, separators=(",", ":")) for c in contents)


def ballot_set_sha256(canonical: Sequence[str]) -> str:
    return hashlib.sha256(("[" + ",".join(canonical) + "]").encode()).hexdigest()


def district_meta(district: District, *, num_votes: int, num_projects: int) -> dict[str, str]:
    process: PBProcess = district.process
    meta = {str(k): str(v) for k, v in (process.meta or {}).items()}
    meta.setdefault("description", process.name)
    meta.setdefault("unit", settings.CITY_NAME)
    meta.setdefault("subunit", district.name)
    meta.setdefault("currency", process.currency)
    meta.setdefault("rule", PABULIB_RULE.get(Rule(process.rule), "greedy"))
    if process.vote_type == VoteType.CUMULATIVE:
        meta.setdefault("max_sum_points", str(process.points))
    if process.max_projects:
        meta.setdefault("max_length", str(process.max_projects))
    meta.update(
        {
            "num_projects": str(num_projects),
            "num_votes": str(num_votes),
            "budget": str(district.budget),
            "vote_type": process.vote_type,
        }
    )
    return meta


def engine_instance(
    district: District, canonical: Sequence[str], *, projects: Sequence[Project] | None = None
) -> Any:
    """The engine's Instance for a district and its (canonical) ballots."""
    from townhall.engagement.pb.model import Ballot as EngineBallot
    from townhall.engagement.pb.model import Instance
    from townhall.engagement.pb.model import Project as EngineProject

    if projects is None:
        projects = list(Project.objects.filter(district=district).on_ballot())
    contents = [json.loads(text) for text in canonical]
    counts = ballot_counts(contents)
    engine_projects = {}
    for project in projects:
        pid = str(project.pk)
        extra = {}
        if project.latitude is not None and project.longitude is not None:
            extra = {"latitude": str(project.latitude), "longitude": str(project.longitude)}
        if project.pabulib_id:
            extra["pabulib_id"] = project.pabulib_id
        engine_projects[pid] = EngineProject(
            id=pid,
            cost=int(project.cost),
            name=project.title,
            category=project.category,
            votes=counts["votes"].get(pid, 0),
            score=counts["score"].get(pid, 0),
            extra=extra,
        )
    ballots = []
    for number, content in enumerate(contents, start=1):
        voter = str(number)
        if "points" in content:
            points = {str(k): int(v) for k, v in content["points"].items()}
            ballots.append(EngineBallot(voter_id=voter, points=points))
        elif "ranking" in content:
            ballots.append(EngineBallot(voter_id=voter, ranking=tuple(content["ranking"])))
        else:
            ballots.append(EngineBallot(voter_id=voter, approvals=tuple(content["approvals"])))
    return Instance(
        meta=district_meta(district, num_votes=len(ballots), num_projects=len(engine_projects)),
        projects=engine_projects,
        ballots=tuple(ballots),
        vote_type=district.process.vote_type,
        budget=int(district.budget),
    )


def ballot_counts(contents: Iterable[Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """Per project: on how many ballots it is ("votes"), and its score
    (points for cumulative ballots, Borda-like rank points for ordinal)."""
    votes: Counter[str] = Counter()
    score: Counter[str] = Counter()
    for content in contents:
        if "points" in content:
            for pid, value in content["points"].items():
                votes[str(pid)] += 1
                score[str(pid)] += int(value)
        elif "ranking" in content:
            ranking = content["ranking"]
            for position, pid in enumerate(ranking):
                votes[str(pid)] += 1
                score[str(pid)] += len(ranking) - position
        else:
            for pid in content.get("approvals", ()):
                votes[str(pid)] += 1
                score[str(pid)] += 1
    return {"votes": votes, "score": score}


def engine_outcome(instance: Any, rule: str) -> Any:
    from townhall.engagement.pb.rules import outcome

    return outcome(instance, rule)


def engine_rules() -> tuple[str, ...]:
    from townhall.engagement.pb.rules import RULES

    return tuple(RULES)


def explanation_record(explanation: Any) -> dict[str, Any]:
    """An engine Explanation (or plain sentence) as JSON to store."""
    if isinstance(explanation, str):
        return {"kind": "", "values": {}, "text": explanation}
    values = {
        str(k): v if isinstance(v, (int, float, str, bool)) or v is None else str(v)
        for k, v in dict(getattr(explanation, "values", {}) or {}).items()
    }
    from townhall.engagement.pb.explain import describe

    return {
        "kind": str(getattr(explanation, "kind", "")),
        "values": values,
        "text": describe(explanation),
    }
