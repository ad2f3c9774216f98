"""Open-data metadata: one `Dataset` drawn as a CKAN package or a DCAT-AP dataset.

Pure module (no Django): `opendata.py` builds the datasets from the other apps'
selectors; this module only knows the two wire formats, so both always carry the
same title, description, licence, publisher, update frequency, temporal and
spatial coverage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

LICENCE = {
    "license_id": "CC-BY-4.0",
    "license_title": "Creative Commons Attribution 4.0",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
}
# The EU Publications Office's frequency vocabulary, which DCAT-AP requires.
FREQUENCIES = {
    "continuous": "CONT",
    "daily": "DAILY",
    "weekly": "WEEKLY",
    "monthly": "MONTHLY",
    "irregular": "IRREG",
    "never": "NEVER",
}
FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Distribution:
    id: str  # stable: CKAN's resource id
    title: str
    description: str
    format: str  # CSV, JSON, GeoJSON, PB, TXT
    media_type: str
    url: str  # absolute


@dataclass(frozen=True)
class Dataset:
    name: str  # stable: CKAN's package name and id, DCAT's identifier
    title: str
    description: str
    landing_page: str  # absolute URL of the page a person reads
    keywords: tuple[str, ...]
    frequency: str  # a key of FREQUENCIES
    spatial: str  # the place the data covers, in words
    modified: date
    temporal_start: date | None = None
    temporal_end: date | None = None
    distributions: tuple[Distribution, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"unknown update frequency {self.frequency!r}")


@dataclass(frozen=True)
class Publisher:
    name: str  # slug, CKAN's organization name
    title: str
    email: str


def organization(publisher: Publisher) -> dict[str, Any]:
    return {
        "id": publisher.name,
        "name": publisher.name,
        "title": publisher.title,
        "type": "organization",
        "description": "",
        "is_organization": True,
        "state": "active",
    }


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def ckan_package(dataset: Dataset, publisher: Publisher) -> dict[str, Any]:
    resources = [
        {
            "id": d.id,
            "package_id": dataset.name,
            "name": d.title,
            "description": d.description,
            "format": d.format,
            "mimetype": d.media_type,
            "url": d.url,
            "state": "active",
        }
        for d in dataset.distributions
    ]
    org = organization(publisher)
    return {
        "id": dataset.name,
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.description,
        "type": "dataset",
        "state": "active",
        "private": False,
        **LICENCE,
        "organization": org,
        "owner_org": org["id"],
        "maintainer": publisher.title,
        "maintainer_email": publisher.email,
        "url": dataset.landing_page,
        "tags": [{"name": keyword} for keyword in dataset.keywords],
        # CKAN has no fields of its own for these; the DCAT extension harvests these keys.
        "extras": [
            {"key": "frequency", "value": dataset.frequency},
            {"key": "temporal_start", "value": _iso(dataset.temporal_start)},
            {"key": "temporal_end", "value": _iso(dataset.temporal_end)},
            {"key": "spatial_coverage", "value": dataset.spatial},
            {"key": "publisher_name", "value": publisher.title},
        ],
        "metadata_modified": dataset.modified.isoformat(),
        "num_resources": len(resources),
        "num_tags": len(dataset.keywords),
        "resources": resources,
    }


def _date(day: date) -> dict[str, str]:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def dcat_dataset(dataset: Dataset, publisher: Publisher, *, catalogue_url: str) -> dict[str, Any]:
    agent = {"@type": "foaf:Organization", "foaf:name": publisher.title}
    found: dict[str, Any] = {
        "@id": f"{catalogue_url}#{dataset.name}",
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.name,
        "dct:title": dataset.title,
        "dct:description": dataset.description,
        "dct:publisher": agent,
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:hasEmail": publisher.email},
        "dct:license": {"@id": LICENCE["license_url"]},
        "dct:modified": _date(dataset.modified),
        "dct:accrualPeriodicity": {"@id": FREQUENCY_BASE + FREQUENCIES[dataset.frequency]},
        "dct:spatial": {"@type": "dct:Location", "skos:prefLabel": dataset.spatial},
        "dcat:landingPage": {"@id": dataset.landing_page},
        "dcat:keyword": list(dataset.keywords),
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:identifier": d.id,
                "dct:title": d.title,
                "dct:description": d.description,
                "dcat:accessURL": {"@id": d.url},
                "dcat:downloadURL": {"@id": d.url},
                "dcat:mediaType": d.media_type,
                "dct:format": d.format,
                "dct:license": {"@id": LICENCE["license_url"]},
            }
            for d in dataset.distributions
        ],
    }
    if dataset.temporal_start or dataset.temporal_end:
        period: dict[str, Any] = {"@type": "dct:PeriodOfTime"}
        if dataset.temporal_start:
            period["dcat:startDate"] = _date(dataset.temporal_start)
        if dataset.temporal_end:
            period["dcat:endDate"] = _date(dataset.temporal_end)
        found["dct:temporal"] = period
    return found


def dcat_catalogue(
    datasets: Sequence[Dataset], publisher: Publisher, *, catalogue_url: str, title: str
) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@id": catalogue_url,
        "@type": "dcat:Catalog",
        "dct:title": title,
        "dct:description": "Datasets published by Townhall.",
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": publisher.title},
        "dct:license": {"@id": LICENCE["license_url"]},
        "dcat:dataset": [
            dcat_dataset(dataset, publisher, catalogue_url=catalogue_url) for dataset in datasets
        ],
    }
