"""The open-data catalogue: datasets with their metadata, as CKAN packages and DCAT-AP.

Datasets so far: each published service's performance figures (monthly and
weekly CSV, small counts withheld as on the public pages). Package ids are
stable names, so harvesters can follow them from one run to the next.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from townhall.analytics import selectors

LICENSE = {
    "license_id": "CC-BY-4.0",
    "license_title": "Creative Commons Attribution 4.0",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
}


def organization() -> dict[str, Any]:
    name = slugify(settings.CITY_NAME) or "council"
    return {
        "id": name,
        "name": name,
        "title": f"{settings.CITY_NAME}",
        "type": "organization",
        "description": "",
        "is_organization": True,
        "state": "active",
    }


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def packages() -> list[dict[str, Any]]:
    today = timezone.localdate().isoformat()
    found = []
    for service in selectors.services_published():
        name = f"service-performance-{service.slug}"
        csv_path = reverse("analytics:service-csv", args=[service.slug])
        resources = [
            {
                "id": f"{name}-{granularity}",
                "package_id": name,
                "name": f"{service.title}: performance by {granularity} (CSV)",
                "description": "Completion rate, user satisfaction, digital take-up, cost per "
                "transaction, processing time, SLA compliance and backlog; figures "
                f"resting on fewer than {selectors.min_public_count()} people are empty.",
                "format": "CSV",
                "mimetype": "text/csv",
                "url": _absolute(f"{csv_path}?by={granularity}"),
                "state": "active",
            }
            for granularity in ("month", "week")
        ]
        found.append(
            {
                "id": name,
                "name": name,
                "title": f"Service performance: {service.title}",
                "notes": "The GOV.UK Service Standard performance figures of this online "
                "service, computed from anonymous journey events, survey answers and cases.",
                "type": "dataset",
                "state": "active",
                "private": False,
                **LICENSE,
                "organization": organization(),
                "owner_org": organization()["id"],
                "maintainer": settings.CITY_NAME,
                "maintainer_email": settings.CONTACT_EMAIL,
                "url": _absolute(reverse("analytics:service", args=[service.slug])),
                "tags": [{"name": "performance"}, {"name": "public-services"}],
                "extras": [
                    {"key": "frequency", "value": "daily"},
                    {"key": "temporal_coverage", "value": "the last 12 months or weeks"},
                    {"key": "spatial_coverage", "value": settings.CITY_NAME},
                ],
                "metadata_modified": today,
                "num_resources": len(resources),
                "resources": resources,
            }
        )
    return found


def package_get(name: str) -> dict[str, Any] | None:
    return next((p for p in packages() if name in (p["id"], p["name"])), None)


def resource_get(resource_id: str) -> dict[str, Any] | None:
    for package in packages():
        for resource in package["resources"]:
            if resource["id"] == resource_id:
                return resource
    return None


def search(query: str) -> list[dict[str, Any]]:
    """Packages whose title, notes or tags hold every word of the query."""
    words = [w for w in query.lower().replace(":", " ").split() if w not in ("*", "*:*")]

    def text(package: dict[str, Any]) -> str:
        tags = " ".join(tag["name"] for tag in package["tags"])
        return f"{package['name']} {package['title']} {package['notes']} {tags}".lower()

    return [p for p in packages() if all(word in text(p) for word in words)]


def dcat_catalogue() -> dict[str, Any]:
    """The catalogue in DCAT-AP as JSON-LD."""
    org = organization()
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": _absolute(reverse("analytics:dcat")),
        "@type": "dcat:Catalog",
        "dct:title": f"{settings.CITY_NAME} open data",
        "dct:description": "Datasets published by Townhall.",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": org["title"]},
        "dcat:dataset": [
            {
                "@id": package["url"],
                "@type": "dcat:Dataset",
                "dct:identifier": package["name"],
                "dct:title": package["title"],
                "dct:description": package["notes"],
                "dct:publisher": {"@type": "foaf:Organization", "foaf:name": org["title"]},
                "dct:license": {"@id": package["license_url"]},
                "dct:modified": {"@value": package["metadata_modified"], "@type": "xsd:date"},
                "dct:accrualPeriodicity": {
                    "@id": "http://publications.europa.eu/resource/authority/frequency/DAILY"
                },
                "dct:spatial": settings.CITY_NAME,
                "dcat:keyword": [tag["name"] for tag in package["tags"]],
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:title": resource["name"],
                        "dcat:accessURL": {"@id": resource["url"]},
                        "dcat:downloadURL": {"@id": resource["url"]},
                        "dcat:mediaType": resource["mimetype"],
                        "dct:format": resource["format"],
                        "dct:license": {"@id": package["license_url"]},
                    }
                    for resource in package["resources"]
                ],
            }
            for package in packages()
        ],
    }
