"""Pabulib import and export: a past election becomes a finished process
(`townhall pb import`), and any district's anonymous ballots become a .pb
file (`townhall pb export`)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

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
from townhall.engagement.services_results import results_compute


class PbProcessNotFound(ValueError):
    """No such process or district; the message lists what there is."""


def _int(meta: dict[str, str], key: str) -> int | None:
    try:
        return int(str(meta.get(key, "")).strip())
    except ValueError:
        return None


def _date(value: str) -> date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _decimal(value: str | None) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number.quantize(Decimal("0.000001")) if number.is_finite() else None


def _unique_slug(base: str) -> str:
    base = slugify(base)[:70] or "pb"
    slug, n = base, 2
    while PBProcess.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def pb_process_import(*, instance: Any, name: str) -> PBProcess:
    """A finished process from a Pabulib instance: one district (META
    `district` or `subunit`, else the unit or the city), its projects, the
    anonymous ballots, in the results phase with results computed by the
    META's rule."""
    meta = {str(k): str(v) for k, v in dict(instance.meta).items()}
    district_name = (
        meta.get("district") or meta.get("subunit") or meta.get("unit") or settings.CITY_NAME
    )
    vote_type = instance.vote_type if instance.vote_type in VoteType.values else VoteType.APPROVAL
    currency = (meta.get("currency") or "USD")[:3].upper()
    process = PBProcess.objects.create(
        slug=_unique_slug(name),
        name=name,
        description=meta.get("description", ""),
        phase=Phase.RESULTS,
        vote_type=vote_type,
        rule=engine.rule_from_pabulib(meta.get("rule", "")),
        limit_by_budget=_int(meta, "max_sum_cost") is not None,
        max_projects=_int(meta, "max_length"),
        min_projects=_int(meta, "min_length") or 1,
        points=_int(meta, "max_sum_points") or 10,
        min_age=_int(meta, "min_age") or 0,
        currency=currency,
        voting_opens_on=_date(meta.get("date_begin", "")),
        voting_closes_on=_date(meta.get("date_end", "")),
        meta=meta,
    )
    district = District.objects.create(
        process=process,
        slug=slugify(district_name)[:80] or "city",
        name=district_name,
        budget=int(instance.budget),
    )
    rows = []
    for project in instance.projects.values():
        extra = dict(getattr(project, "extra", {}) or {})
        rows.append(
            Project(
                district=district,
                title=(project.name or f"#{project.id}")[:200],
                description=str(extra.get("description", "")),
                category=(project.category or "")[:80],
                cost=int(project.cost),
                latitude=_decimal(extra.get("latitude")),
                longitude=_decimal(extra.get("longitude")),
                status=ProjectStatus.ELIGIBLE,
                pabulib_id=str(project.id)[:60],
            )
        )
    created = Project.objects.bulk_create(rows)
    pk_of = {p.pabulib_id: str(p.pk) for p in created}
    ballots = []
    for ballot in instance.ballots:
        if vote_type == VoteType.CUMULATIVE:
            points = getattr(ballot, "points", None) or {}
            content: dict[str, Any] = {
                "points": {pk_of[str(pid)]: int(n) for pid, n in points.items()}
            }
        elif vote_type == VoteType.ORDINAL:
            content = {"ranking": [pk_of[str(pid)] for pid in ballot.ranking]}
        else:
            content = {"approvals": sorted(pk_of[str(pid)] for pid in ballot.approvals)}
        # Imported voters have no receipt: a random hash fills the column.
        ballots.append(
            Ballot(
                district=district,
                content=content,
                receipt_hash=hashlib.sha256(os.urandom(16)).hexdigest(),
            )
        )
    Ballot.objects.bulk_create(ballots, batch_size=2000)
    results_compute(district=district)
    return process


def pb_process_export(*, process_id: int, district: str | None) -> Any:
    """A district's projects and anonymous ballots as an engine Instance.

    Projects keep their Pabulib id when they were imported; the `selected`
    column is the stored result's, when there is one.
    """
    process = PBProcess.objects.filter(pk=process_id).first()
    if process is None:
        raise PbProcessNotFound(f"there is no budgeting process with id {process_id}")
    districts = list(process.districts.all())
    slugs = ", ".join(d.slug for d in districts) or "none"
    if district is None:
        if len(districts) != 1:
            raise PbProcessNotFound(
                f"process {process_id} has {len(districts)} districts: name one with "
                f"--district (one of: {slugs})"
            )
        chosen = districts[0]
    else:
        found = [d for d in districts if d.slug == district]
        if not found:
            raise PbProcessNotFound(
                f"process {process_id} has no district {district!r} (districts: {slugs})"
            )
        chosen = found[0]
    contents = Ballot.objects.filter(district=chosen).values_list("content", flat=True)
    canonical = engine.canonical_ballots(contents)
    instance = engine.engine_instance(chosen, canonical)
    result = Result.objects.filter(district=chosen).first()
    selected = set(result.selected) if result else None
    return _with_pabulib_ids(instance, selected)


def _with_pabulib_ids(instance: Any, selected: set[str] | None) -> Any:
    pabulib_of = dict(
        Project.objects.filter(pk__in=[int(pid) for pid in instance.projects]).values_list(
            "pk", "pabulib_id"
        )
    )
    new_id = {pid: (pabulib_of.get(int(pid)) or pid) for pid in instance.projects}
    if len(set(new_id.values())) != len(new_id):
        new_id = {pid: pid for pid in instance.projects}  # clashing ids: keep the keys
    projects = {}
    for pid, project in instance.projects.items():
        extra = {k: v for k, v in dict(project.extra).items() if k != "pabulib_id"}
        projects[new_id[pid]] = dataclasses.replace(
            project,
            id=new_id[pid],
            extra=extra,
            selected=None if selected is None else pid in selected,
        )
    ballots = []
    for ballot in instance.ballots:
        changes: dict[str, Any] = {}
        if getattr(ballot, "approvals", None):
            changes["approvals"] = tuple(new_id[p] for p in ballot.approvals)
        if getattr(ballot, "points", None):
            changes["points"] = {new_id[p]: n for p, n in ballot.points.items()}
        if getattr(ballot, "ranking", None):
            changes["ranking"] = tuple(new_id[p] for p in ballot.ranking)
        ballots.append(dataclasses.replace(ballot, **changes))
    return dataclasses.replace(instance, projects=projects, ballots=tuple(ballots))
