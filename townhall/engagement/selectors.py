"""Reads for the participatory-budgeting pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from townhall.engagement import charts
from townhall.engagement.explanations import explanation_text
from townhall.engagement.models import (
    Ballot,
    District,
    DistrictResident,
    PBProcess,
    Project,
    ProjectStatus,
    Result,
    Rule,
    VoterRollEntry,
)


def processes_public() -> QuerySet[PBProcess]:
    return PBProcess.objects.prefetch_related("districts")


def process_get(*, slug: str) -> PBProcess | None:
    return PBProcess.objects.filter(slug=slug).first()


def district_get(*, process: PBProcess, slug: str) -> District | None:
    district = District.objects.filter(process=process, slug=slug).first()
    if district is not None:
        district.process = process
    return district


def projects_public(*, process: PBProcess, district: District | None = None) -> QuerySet[Project]:
    projects = (
        Project.objects.filter(district__process=process)
        .public()
        .select_related("district")
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("district__name", "title", "pk")
    )
    return projects.filter(district=district) if district is not None else projects


def project_get(*, process: PBProcess, pk: int) -> Project | None:
    project = (
        Project.objects.filter(district__process=process, pk=pk)
        .select_related("district", "merged_into", "author")
        .first()
    )
    if project is not None:
        project.district.process = process
    return project


def projects_of_author(*, process: PBProcess, user: Any) -> QuerySet[Project]:
    return Project.objects.filter(district__process=process, author_id=user.pk).select_related(
        "district"
    )


def voting_districts_for(*, user: Any, process: PBProcess) -> list[District]:
    """The districts of `process` where the person is a verified resident."""
    if not getattr(user, "is_authenticated", False):
        return []
    ids = DistrictResident.objects.filter(user_id=user.pk, district__process=process).values_list(
        "district_id", flat=True
    )
    return list(District.objects.filter(pk__in=list(ids)))


def has_voted(*, user: Any, district: District) -> bool:
    return VoterRollEntry.objects.filter(district=district, user_id=user.pk).exists()


def ballot_projects(*, district: District) -> list[Project]:
    return list(Project.objects.filter(district=district).on_ballot().order_by("title", "pk"))


def ballot_hashes(*, district: District) -> QuerySet[Ballot]:
    return Ballot.objects.filter(district=district).order_by("receipt_hash")


def result_get(*, district: District) -> Result | None:
    # The .pb text can run to megabytes: pages never need it.
    return Result.objects.filter(district=district).defer("published_pb").first()


def result_pb(*, district: District) -> str | None:
    return Result.objects.filter(district=district).values_list("published_pb", flat=True).first()


@dataclass(frozen=True)
class ResultRow:
    project: Project
    votes: int
    funded: bool
    explanation: str
    rank: int | None


def results_view(*, district: District, result: Result) -> dict[str, Any]:
    """Everything the results page draws, from the stored result alone."""
    projects = {
        str(p.pk): p
        for p in Project.objects.filter(
            district=district,
            status__in=(ProjectStatus.SELECTED, ProjectStatus.NOT_SELECTED, ProjectStatus.ELIGIBLE),
        )
    }
    selected = [pid for pid in result.selected if pid in projects]
    order = {pid: i for i, pid in enumerate(selected, start=1)}
    rows = [
        ResultRow(
            project=project,
            votes=int(result.counts.get(pid, 0)),
            funded=pid in order,
            explanation=explanation_text(
                result.explanations.get(pid), currency=district.process.currency, projects=projects
            ),
            rank=order.get(pid),
        )
        for pid, project in projects.items()
    ]
    rows.sort(key=lambda r: (not r.funded, r.rank or 0, -r.votes, r.project.title))
    labels = dict(Rule.choices)
    rules = list(result.comparison)
    comparison = [
        {
            "project": row.project,
            "cells": [pid_in(result.comparison[rule], row.project.pk) for rule in rules],
        }
        for row in rows
    ]
    rule_totals = [
        sum(projects[pid].cost for pid in result.comparison[rule] if pid in projects)
        for rule in rules
    ]
    scatter = charts.scatter([(str(r.project.pk), r.project.cost, r.votes, r.funded) for r in rows])
    located = [
        r for r in rows if r.project.latitude is not None and r.project.longitude is not None
    ]
    places = charts.locations(
        [
            (str(r.project.pk), float(r.project.latitude), float(r.project.longitude), r.funded)
            for r in located
        ]
    )
    numbers = {str(r.project.pk): i for i, r in enumerate(rows, start=1)}
    return {
        "rows": rows,
        "numbers": numbers,
        "rules": [{"name": rule, "label": labels.get(rule, rule)} for rule in rules],
        "rule_totals": rule_totals,
        "comparison": comparison,
        "scatter": scatter,
        "scatter_points": list(zip(scatter.points, rows, strict=True)),
        "map": places,
        "map_points": [
            (point, row, numbers[point.key])
            for point, row in zip(places.points, located, strict=True)
        ],
        "funded_cost": sum(r.project.cost for r in rows if r.funded),
    }


def pid_in(selected: list[str], pk: int) -> bool:
    return str(pk) in selected


# Open data (read by analytics): published results and anonymous ballots, as plain data.


@dataclass(frozen=True)
class PublishedProject:
    id: str
    title: str
    category: str
    cost: int
    votes: int  # approvals, or the score for cumulative and ordinal ballots
    funded: bool
    rank: int | None  # the order the rule chose it in


@dataclass(frozen=True)
class PublishedResult:
    process_slug: str
    process_name: str
    district_slug: str
    district_name: str
    budget: int
    currency: str
    vote_type: str
    rule: str
    ballot_count: int
    ballot_set_sha256: str
    ledger_index: int | None
    computed_at: Any
    voting_opens_on: Any
    voting_closes_on: Any
    projects: tuple[PublishedProject, ...]


def results_published() -> list[PublishedResult]:
    """Every counted district whose process shows its results, for open data."""
    from townhall.engagement.models import Phase

    results = (
        Result.objects.filter(district__process__phase__in=(Phase.RESULTS, Phase.CLOSED))
        .select_related("district__process")
        .defer("published_pb")
        .order_by("district__process__slug", "district__slug")
    )
    published = []
    for result in results:
        district = result.district
        process = district.process
        projects = Project.objects.filter(
            district=district,
            status__in=(ProjectStatus.SELECTED, ProjectStatus.NOT_SELECTED, ProjectStatus.ELIGIBLE),
        ).order_by("title", "pk")
        order = {pid: i for i, pid in enumerate(result.selected, start=1)}
        published.append(
            PublishedResult(
                process_slug=process.slug,
                process_name=process.name,
                district_slug=district.slug,
                district_name=district.name,
                budget=district.budget,
                currency=process.currency,
                vote_type=process.vote_type,
                rule=result.rule,
                ballot_count=result.ballot_count,
                ballot_set_sha256=result.ballot_set_sha256,
                ledger_index=result.ledger_index,
                computed_at=result.computed_at,
                voting_opens_on=process.voting_opens_on,
                voting_closes_on=process.voting_closes_on,
                projects=tuple(
                    PublishedProject(
                        id=str(p.pk),
                        title=p.title,
                        category=p.category,
                        cost=int(p.cost),
                        votes=int(result.counts.get(str(p.pk), 0)),
                        funded=str(p.pk) in order,
                        rank=order.get(str(p.pk)),
                    )
                    for p in projects
                ),
            )
        )
    return published


def result_ballots_published(
    *, process_slug: str, district_slug: str
) -> list[dict[str, Any]] | None:
    """The anonymous ballots counted in a published result, from its .pb file:
    [{"ballot": number, "projects": [project id, …], "points": [n, …] or None}]
    (projects in the voter's order: a ranking for ordinal ballots). None when the
    district has no published result."""
    from townhall.engagement.models import Phase
    from townhall.engagement.pb.pabulib import read_pb

    text = (
        Result.objects.filter(
            district__process__slug=process_slug,
            district__slug=district_slug,
            district__process__phase__in=(Phase.RESULTS, Phase.CLOSED),
        )
        .values_list("published_pb", flat=True)
        .first()
    )
    if not text:
        return None
    instance = read_pb(text)
    return [
        {
            "ballot": ballot.voter_id,
            "projects": list(ballot.project_ids()),
            "points": list(ballot.points.values()) if ballot.points else None,
        }
        for ballot in instance.ballots
    ]
