"""The open-data catalogue: its datasets, served as CKAN packages and DCAT-AP.

`DATASETS` is the registry: one entry per kind of dataset, a function returning
the `catalogue.Dataset`s of that kind as they stand now (one per service, one per
counted district…). To publish a new kind, write such a function (reading other
apps through their selectors, its downloads served by a view in this app) and add
it to `DATASETS`; the CKAN API, the DCAT catalogue and search pick it up.

Dataset names are stable, so harvesters can follow them from one run to the next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from townhall.analytics import catalogue, selectors
from townhall.analytics.catalogue import Dataset, Distribution

CSV = ("CSV", "text/csv")
JSON = ("JSON", "application/json")
GEOJSON = ("GeoJSON", "application/geo+json")


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _distribution(
    id: str, title: str, description: str, kind: tuple[str, str], path: str
) -> Distribution:
    return Distribution(id, title, description, kind[0], kind[1], _absolute(path))


def publisher() -> catalogue.Publisher:
    return catalogue.Publisher(
        name=slugify(settings.CITY_NAME) or "council",
        title=settings.CITY_NAME,
        email=settings.CONTACT_EMAIL,
    )


def service_performance() -> list[Dataset]:
    """Each published service's performance figures, small counts withheld."""
    today = timezone.localdate()
    first = today.replace(day=1)
    for _ in range(selectors.PERIODS_SHOWN["month"] - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    found = []
    for service in selectors.services_published():
        name = f"service-performance-{service.slug}"
        csv_path = reverse("analytics:service-csv", args=[service.slug])
        json_path = reverse("analytics:open-service-json", args=[service.slug])
        about = (
            "Completion rate, user satisfaction, digital take-up, cost per transaction, "
            "processing time, SLA compliance and backlog; figures resting on fewer than "
            f"{selectors.min_public_count()} people are empty."
        )
        distributions = [
            _distribution(
                f"{name}-{granularity}",
                f"{service.title}: performance by {granularity} (CSV)",
                about,
                CSV,
                f"{csv_path}?by={granularity}",
            )
            for granularity in ("month", "week")
        ] + [
            _distribution(
                f"{name}-{granularity}-json",
                f"{service.title}: performance by {granularity} (JSON)",
                about,
                JSON,
                f"{json_path}?by={granularity}",
            )
            for granularity in ("month", "week")
        ]
        found.append(
            Dataset(
                name=name,
                title=f"Service performance: {service.title}",
                description="The GOV.UK Service Standard performance figures of this online "
                "service, computed from anonymous journey events, survey answers and cases, "
                "for each of the last 12 months and weeks.",
                landing_page=_absolute(reverse("analytics:service", args=[service.slug])),
                keywords=("performance", "public-services"),
                frequency="daily",
                spatial=settings.CITY_NAME,
                modified=today,
                temporal_start=first,
                temporal_end=today,
                distributions=tuple(distributions),
            )
        )
    return found


def pb_results() -> list[Dataset]:
    """Each counted district of a participatory budget: its result and anonymous ballots."""
    found = []
    for result in selectors.pb_results_published():
        process, district = result.process_slug, result.district_slug
        name = f"pb-results-{process}-{district}"
        args = [process, district]
        distributions = [
            _distribution(
                f"{name}-results-{kind[0].lower()}",
                f"{result.district_name}: projects, votes and outcome ({kind[0]})",
                "Each project on the ballot with its cost, votes (or score), whether it "
                f"is funded and in which order the rule ({result.rule}) chose it.",
                kind,
                reverse(f"analytics:open-pb-results-{kind[0].lower()}", args=args),
            )
            for kind in (CSV, JSON)
        ] + [
            _distribution(
                f"{name}-ballots-{kind[0].lower()}",
                f"{result.district_name}: anonymous ballots ({kind[0]})",
                "Every counted ballot, numbered, with the projects chosen (in the voter's "
                "order) and any points; nothing links a ballot to a voter.",
                kind,
                reverse(f"analytics:open-pb-ballots-{kind[0].lower()}", args=args),
            )
            for kind in (CSV, JSON)
        ]
        distributions.append(
            _distribution(
                f"{name}-ballots-pb",
                f"{result.district_name}: anonymous ballots and projects (Pabulib .pb)",
                "The election in the Pabulib format, for anyone to recount with their own tools.",
                ("PB", "text/plain"),
                reverse("engagement:ballots-pb", args=args),
            )
        )
        computed = timezone.localtime(result.computed_at).date()
        found.append(
            Dataset(
                name=name,
                title=f"Participatory budget results: {result.process_name}, "
                f"{result.district_name}",
                description=f"The outcome of {result.process_name} in {result.district_name}: "
                f"{result.ballot_count} ballots counted with the {result.rule} rule over a "
                f"budget of {result.budget} {result.currency}, and the anonymous ballots. "
                f"The tally is entry {result.ledger_index} of the transparency ledger "
                f"(ballot set SHA-256 {result.ballot_set_sha256}).",
                landing_page=_absolute(reverse("engagement:results", args=args)),
                keywords=("participatory-budgeting", "ballots", "results"),
                frequency="never",
                spatial=f"{result.district_name}, {settings.CITY_NAME}",
                modified=computed,
                temporal_start=result.voting_opens_on,
                temporal_end=result.voting_closes_on or computed,
                distributions=tuple(distributions),
            )
        )
    return found


def hotspot_results() -> list[Dataset]:
    """The last hotspot run a manager published (none until one is)."""
    run = selectors.hotspot_run_latest()
    if run is None:
        return []
    name = "health-hotspots"
    about = (
        "Each area's crude, age-standardised and Empirical Bayes smoothed rates, its "
        "Local Moran cluster and Getis-Ord Gi* z-score with permutation p-values; rates "
        f"and cases of areas with fewer than {selectors.min_public_count()} cases are empty."
    )
    distributions = [
        _distribution(
            f"{name}-{kind[0].lower()}",
            f"Hotspot results ({kind[0]})",
            about,
            kind,
            reverse(f"analytics:open-hotspots-{kind[0].lower()}"),
        )
        for kind in (GEOJSON, CSV, JSON)
    ]
    published = timezone.localtime(run.published_at).date()
    return [
        Dataset(
            name=name,
            title=f"Health hotspots: {run.title}",
            description=f"Where {run.title} concentrate: areas whose smoothed rate is high "
            "among neighbours with high rates (or low among low) more than chance would "
            "often give. A hotspot says where to look further, not why. "
            f"{run.method.get('permutations')} permutations, seed {run.method.get('seed')}.",
            landing_page=_absolute(reverse("analytics:open-hotspots-geojson")),
            keywords=("health", "hotspots", "spatial-statistics"),
            frequency="irregular",
            spatial=settings.CITY_NAME,
            modified=published,
            distributions=tuple(distributions),
        )
    ]


def ledger_checkpoints() -> list[Dataset]:
    """The transparency ledger's signed checkpoints."""
    checkpoints = selectors.ledger_checkpoints_published()
    today = timezone.localdate()
    days = [timezone.localtime(c["created_at"]).date() for c in checkpoints]
    name = "ledger-checkpoints"
    about = (
        "Each signed checkpoint of the ledger: its tree size, root hash (base64), time, "
        "the signed note and the witnesses who cosigned it."
    )
    distributions = [
        _distribution(
            f"{name}-{kind[0].lower()}",
            f"Ledger checkpoints ({kind[0]})",
            about,
            kind,
            reverse(f"analytics:open-ledger-{kind[0].lower()}"),
        )
        for kind in (CSV, JSON)
    ]
    return [
        Dataset(
            name=name,
            title="Transparency ledger checkpoints",
            description="The signed checkpoints of the transparency log in which every "
            "decision, ballot tally and access to personal data is recorded (RFC 9162 Merkle "
            "tree, C2SP signed notes). With them anyone can check that the log only grew.",
            landing_page=_absolute(reverse("ledger:index")),
            keywords=("ledger", "transparency", "checkpoints"),
            frequency="continuous",
            spatial=settings.CITY_NAME,
            modified=max(days, default=today),
            temporal_start=min(days, default=None),
            temporal_end=max(days, default=None),
            distributions=tuple(distributions),
        )
    ]


def sensor_readings() -> list[Dataset]:
    """The public-safety sensors and the hourly means of their recent readings."""
    sensors = selectors.sensors_published()
    if not sensors:
        return []
    days = selectors.sensor_open_data_days()
    today = timezone.localdate()
    name = "sensor-readings"
    hourly = (
        f"Hourly mean, minimum and maximum of each sensor's readings over the last {days} "
        "days (hours start on the hour, UTC; Unix seconds), with the number of readings."
    )
    registry = (
        "Every sensor: id, name, what it measures and in which unit, where it is, its "
        "district, its owner and how often it reports."
    )
    distributions = (
        _distribution(
            f"{name}-sensors-geojson",
            "Sensors (GeoJSON)",
            registry,
            GEOJSON,
            reverse("analytics:open-sensors-geojson"),
        ),
        *(
            _distribution(
                f"{name}-hourly-{kind[0].lower()}",
                f"Hourly readings ({kind[0]})",
                hourly,
                kind,
                reverse(f"analytics:open-sensor-hours-{kind[0].lower()}"),
            )
            for kind in (CSV, JSON)
        ),
    )
    return [
        Dataset(
            name=name,
            title="Public-safety sensor readings",
            description=f"River levels, rainfall, air quality, traffic, noise and temperature "
            f"measured by {len(sensors)} sensors in {settings.CITY_NAME}, as hourly "
            f"summaries of the last {days} days, and where each sensor is.",
            landing_page=_absolute(reverse("safety:index")),
            keywords=("sensors", "air-quality", "river-level", "traffic", "environment"),
            frequency="daily",
            spatial=settings.CITY_NAME,
            modified=today,
            temporal_start=today - timedelta(days=days),
            temporal_end=today,
            distributions=distributions,
        )
    ]


# The registry: one entry per kind of dataset.
DATASETS: list[Callable[[], list[Dataset]]] = [
    service_performance,
    pb_results,
    hotspot_results,
    ledger_checkpoints,
    sensor_readings,
]


def datasets() -> list[Dataset]:
    return [dataset for entry in DATASETS for dataset in entry()]


def organization() -> dict[str, Any]:
    return catalogue.organization(publisher())


def packages() -> list[dict[str, Any]]:
    owner = publisher()
    return [catalogue.ckan_package(dataset, owner) for dataset in datasets()]


def package_get(name: str) -> dict[str, Any] | None:
    return next((p for p in packages() if name in (p["id"], p["name"])), None)


def resource_get(resource_id: str) -> dict[str, Any] | None:
    for package in packages():
        for resource in package["resources"]:
            if resource["id"] == resource_id:
                return resource
    return None


def search(query: str) -> list[dict[str, Any]]:
    """Packages whose name, title, notes or tags hold every word of the query."""
    words = [w for w in query.lower().replace(":", " ").split() if w not in ("*", "*:*")]

    def text(package: dict[str, Any]) -> str:
        tags = " ".join(tag["name"] for tag in package["tags"])
        return f"{package['name']} {package['title']} {package['notes']} {tags}".lower()

    return [p for p in packages() if all(word in text(p) for word in words)]


def dcat_catalogue() -> dict[str, Any]:
    """The catalogue in DCAT-AP as JSON-LD."""
    return catalogue.dcat_catalogue(
        datasets(),
        publisher(),
        catalogue_url=_absolute(reverse("analytics:dcat")),
        title=f"{settings.CITY_NAME} open data",
    )
