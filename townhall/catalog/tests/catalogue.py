"""The shipped catalogue in the database, and small definitions of our own, for
the tests of pages, the admin and the API."""

from __future__ import annotations

from townhall.catalog.definition import Service, parse_service
from townhall.catalog.models import ServiceVersion
from townhall.catalog.services import service_version_publish
from townhall.catalog.views import start_pages_forget

SLUGS = (
    "birth-certificate",
    "building-permit",
    "bulky-waste",
    "business-license",
    "event-permit",
    "health-coverage",
    "housing-assistance",
    "parking-permit",
    "pet-license",
    "records-request",
    "report-a-problem",
    "tax-return",
)

# A small, valid definition; the shipped ones change as their authors work.
DEFINITION = """\
slug: {slug}
version: {version}
title: {title}
summary: Tell us which hedgehogs live in your garden.
topic: pets-and-animals
assurance: low
sla_days: {sla_days}

guidance:
  intro: |
{intro}
  who_can_apply: |
    Anyone who lives in Riverside can apply.
  what_you_need: |
    You need to know how many hedgehogs you have seen.
  how_long_it_takes: |
    It takes about 2 minutes.
  cost: |
    It is free.

pages:
  - id: garden
    title: Your garden
    questions:
      - id: hedgehogs
        type: number
        label: How many hedgehogs have you seen?
        noun: how many hedgehogs you have seen
        min: 0
        max: 50
        example: 2
"""


def definition(
    *,
    slug: str = "hedgehog-register",
    version: int = 1,
    title: str = "Register your hedgehogs",
    intro: str = "Hedgehogs are welcome in Riverside.",
    sla_days: int = 5,
) -> str:
    """The YAML of a small service; `intro` is Markdown."""
    indented = "\n".join(f"    {line}" if line else "" for line in intro.splitlines())
    return DEFINITION.format(
        slug=slug, version=version, title=title, intro=indented, sla_days=sla_days
    )


def publish(services: dict[str, Service]) -> None:
    """Publish the already parsed definitions (the session's `services` fixture),
    as `townhall services load` would, without parsing them again for each test."""
    for slug in sorted(services):
        service_version_publish(service=services[slug])
    start_pages_forget()


def publish_one(service: Service | str) -> ServiceVersion:
    """Publish a definition (a Service or its YAML), and show it at once on its
    start page, which each process otherwise keeps for a few seconds."""
    if isinstance(service, str):
        service = parse_service(service)
    version = service_version_publish(service=service)
    start_pages_forget()
    return version
