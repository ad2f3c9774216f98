"""Writes to the service catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from townhall.catalog.definition import SERVICES_DIR, Service, load_services
from townhall.catalog.models import ServiceVersion
from townhall.ledger.services import ledger_append


@dataclass(frozen=True)
class LoadResult:
    published: list[str]
    unchanged: list[str]


def _search_text(service: Service) -> str:
    parts = [service.title.en, service.summary.en, service.topic.replace("-", " ")]
    for code in service.languages:
        parts += [service.title.get(code), service.summary.get(code)]
        parts.append(service.guidance.as_markdown(code))
    return "\n".join(parts)


@transaction.atomic
def service_version_publish(*, service: Service, actor: object | None = None) -> ServiceVersion:
    """Store `service` as the current version of its slug.

    A definition whose version number is already stored with other content is
    refused: versions are immutable, so a change needs a higher number.
    """
    existing = ServiceVersion.objects.filter(slug=service.slug, version=service.version).first()
    if existing is not None:
        if existing.source != service.source:
            raise ValueError(
                f"{service.slug}: version {service.version} is already published with "
                "different content; raise the version number"
            )
        return existing
    latest = ServiceVersion.objects.for_slug(service.slug).order_by("-version").first()
    if latest is not None and latest.version > service.version:
        raise ValueError(
            f"{service.slug}: version {service.version} is older than the published "
            f"version {latest.version}"
        )
    ServiceVersion.objects.for_slug(service.slug).update(is_current=False)
    version = ServiceVersion.objects.create(
        slug=service.slug,
        version=service.version,
        title=service.title.en,
        summary=service.summary.en,
        topic=service.topic,
        source=service.source,
        search_text=_search_text(service),
        is_current=True,
    )
    ledger_append(
        kind="service.published",
        subject=f"service:{service.slug}",
        payload={"slug": service.slug, "version": service.version},
        actor=actor,
    )
    return version


@transaction.atomic
def service_definitions_load(*, directory: Path = SERVICES_DIR) -> LoadResult:
    """Validate every definition in `directory`, then publish the changed ones.

    Nothing is stored unless every file is valid (DefinitionErrors names each
    bad file, line and reason).
    """
    services = load_services(directory)
    published, unchanged = [], []
    for slug in sorted(services):
        before = ServiceVersion.objects.for_slug(slug).count()
        service_version_publish(service=services[slug])
        after = ServiceVersion.objects.for_slug(slug).count()
        (published if after > before else unchanged).append(slug)
    return LoadResult(published=published, unchanged=unchanged)
