"""Demo data: a finished process imported from a real Pabulib election (when
../shared/data/pb is beside the checkout) and one Riverside process open for
voting, with the demo resident verified in one district. Idempotent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
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

IMPORTED_NAME = "Assen Top Idee 2024"
OPEN_SLUG = "riverside-2026"

# (district slug, title, cost, category, latitude, longitude, description)
PROJECTS = (
    (
        "north-bank",
        "Shade trees for Millbrook Playground",
        38000,
        "parks",
        "51.5142",
        "-0.0921",
        "Twelve native trees and benches around the playground, which has no shade in summer.",
    ),
    (
        "north-bank",
        "Safe crossing on Station Road",
        64000,
        "streets",
        "51.5168",
        "-0.0887",
        "A raised zebra crossing and lights outside the primary school gate.",
    ),
    (
        "north-bank",
        "Riverside library makerspace",
        45000,
        "education",
        "51.5151",
        "-0.0950",
        "3D printers, sewing machines and tools, with free weekly sessions for teenagers.",
    ),
    (
        "north-bank",
        "Community fridge at Hope Hall",
        9000,
        "community",
        "51.5133",
        "-0.0902",
        "A shared fridge so shops and neighbours can give away food instead of throwing it out.",
    ),
    (
        "old-town",
        "Repair the Market Square fountain",
        52000,
        "culture",
        "51.5075",
        "-0.0990",
        "The fountain has been dry since 2019; repair the pumps and light it at night.",
    ),
    (
        "old-town",
        "Covered bike parking at the Old Town station",
        27000,
        "streets",
        "51.5061",
        "-0.1012",
        "Forty covered, lockable bike stands beside the ticket hall.",
    ),
    (
        "old-town",
        "Pocket park on Tanner Lane",
        58000,
        "environment",
        "51.5089",
        "-0.1031",
        "Turn the empty corner plot into a small park with planting and a water tap.",
    ),
    (
        "old-town",
        "Free summer concerts in the Cloisters",
        16000,
        "culture",
        "51.5070",
        "-0.0968",
        "Six free evening concerts by local bands and choirs in July and August.",
    ),
)


def _shared_pb(name: str) -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "pb" / name


def load() -> None:
    _load_imported()
    _load_open()


def _load_imported() -> None:
    path = _shared_pb("Netherlands_Assen_2024.pb")
    if not path.exists() or PBProcess.objects.filter(name=IMPORTED_NAME).exists():
        return
    from townhall.engagement.pb.pabulib import read_pb_file
    from townhall.engagement.services_pb import pb_process_import

    pb_process_import(instance=read_pb_file(path), name=IMPORTED_NAME)


@transaction.atomic
def _load_open() -> None:
    if PBProcess.objects.filter(slug=OPEN_SLUG).exists():
        return
    city = settings.CITY_NAME
    process = PBProcess.objects.create(
        slug=OPEN_SLUG,
        name=f"{city} People's Budget 2026",
        description=(
            "Choose how $300,000 of next year's budget is spent in your district. "
            "Pick any projects you like, as long as they fit in your district's budget."
        ),
        phase=Phase.VOTING,
        vote_type=VoteType.APPROVAL,
        rule=Rule.MES_ADD1,
        min_age=16,
        currency="USD",
    )
    districts = {
        "north-bank": District.objects.create(
            process=process, slug="north-bank", name="North Bank", budget=100000
        ),
        "old-town": District.objects.create(
            process=process, slug="old-town", name="Old Town", budget=100000
        ),
    }
    for slug, title, cost, category, lat, lon, description in PROJECTS:
        Project.objects.create(
            district=districts[slug],
            title=title,
            cost=cost,
            category=category,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            description=description,
            status=ProjectStatus.ELIGIBLE,
            review_reason="Checked by the council: it can be done for this cost.",
        )
    resident = (
        get_user_model().objects.filter(email=f"resident@{settings.DEMO_EMAIL_DOMAIN}").first()
    )
    if resident is not None:
        DistrictResident.objects.get_or_create(
            user=resident,
            district=districts["north-bank"],
            defaults={"birth_year": 1988, "verified_at": timezone.now()},
        )
