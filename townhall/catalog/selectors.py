"""Reads of the service catalogue. Other apps use these, never the models."""

from __future__ import annotations

from functools import lru_cache

from townhall.catalog.definition import Service, parse_service
from townhall.catalog.models import ServiceVersion


@lru_cache(maxsize=256)
def _parsed(pk: int, slug: str, source: str) -> Service:
    # Versions are immutable, so the parse of one is good for the process's life.
    return parse_service(source, path=f"{slug}.yaml", slug=slug)


def service_spec(version: ServiceVersion) -> Service:
    """The parsed definition of a stored version."""
    return _parsed(version.pk, version.slug, version.source)


def service_version_current(*, slug: str) -> ServiceVersion | None:
    return ServiceVersion.objects.current().for_slug(slug).first()


def service_version_get(*, slug: str, version: int) -> ServiceVersion | None:
    return ServiceVersion.objects.for_slug(slug).filter(version=version).first()


def services_current() -> list[ServiceVersion]:
    return list(ServiceVersion.objects.current().order_by("title"))
