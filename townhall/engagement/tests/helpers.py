"""A small process to vote in: two districts of Riverside, four projects each."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from townhall.engagement.models import (
    District,
    DistrictResident,
    PBProcess,
    Phase,
    Project,
    ProjectStatus,
    Rule,
    VoteType,
)

COSTS = {"north": (40000, 30000, 20000, 10000), "south": (50000, 25000, 25000, 5000)}


def make_process(
    *,
    phase: str = Phase.VOTING,
    vote_type: str = VoteType.APPROVAL,
    rule: str = Rule.GREEDY,
    slug: str = "people-2026",
    **extra: Any,
) -> PBProcess:
    process = PBProcess.objects.create(
        slug=slug, name="People's Budget", phase=phase, vote_type=vote_type, rule=rule, **extra
    )
    for name, costs in COSTS.items():
        district = District.objects.create(
            process=process, slug=name, name=name.title(), budget=60000
        )
        for number, cost in enumerate(costs, start=1):
            Project.objects.create(
                district=district,
                title=f"{name.title()} project {number}",
                cost=cost,
                status=ProjectStatus.ELIGIBLE,
                latitude="51.5" if number % 2 else None,
                longitude=f"-0.0{number}" if number % 2 else None,
            )
    return process


def district(process: PBProcess, slug: str) -> District:
    found = District.objects.select_related("process").get(process=process, slug=slug)
    return found


def project_ids(district: District) -> list[str]:
    return [str(pk) for pk in district.projects.order_by("pk").values_list("pk", flat=True)]


def verify(user: Any, district: District, birth_year: int = 1990) -> DistrictResident:
    return DistrictResident.objects.create(
        user=user, district=district, birth_year=birth_year, verified_at=timezone.now()
    )
