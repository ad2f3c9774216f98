"""Reads of the service catalogue. Other apps use these, never the models."""

from __future__ import annotations

import re
from functools import lru_cache

from django.db import connection

from townhall.catalog.definition import Service, parse_service
from townhall.catalog.models import ServiceVersion


@lru_cache(maxsize=256)
def _parsed(pk: int, slug: str, source: str) -> Service:
    # Versions are immutable, so the parse of one is good for the process's life.
    return parse_service(source, path=f"{slug}.yaml", slug=slug)


def service_spec(version: ServiceVersion) -> Service:
    """The parsed definition of a stored version."""
    return _parsed(version.pk, version.slug, version.source)


@lru_cache(maxsize=256)
def _version_by_pk(pk: int) -> ServiceVersion | None:
    return ServiceVersion.objects.filter(pk=pk).first()


def service_version_by_pk(pk: int) -> ServiceVersion | None:
    """A stored version by its key, read once per process: a version's content
    never changes (only whether it is current, which this must not be used for)."""
    return _version_by_pk(pk)


def service_version_current(*, slug: str) -> ServiceVersion | None:
    return ServiceVersion.objects.current().for_slug(slug).first()


def service_version_get(*, slug: str, version: int) -> ServiceVersion | None:
    return ServiceVersion.objects.for_slug(slug).filter(version=version).first()


def service_version_latest(*, slug: str) -> ServiceVersion | None:
    """The highest version of `slug` ever published, current or not."""
    return ServiceVersion.objects.for_slug(slug).order_by("-version").first()


def services_current() -> list[ServiceVersion]:
    return list(ServiceVersion.objects.current().order_by("title"))


def service_slugs_all() -> set[str]:
    """Every service slug that has a published version."""
    return set(ServiceVersion.objects.values_list("slug", flat=True).distinct())


def services_in_topic(*, topic: str) -> list[ServiceVersion]:
    return list(ServiceVersion.objects.current().filter(topic=topic).order_by("title"))


# Words too common to tell services apart; PostgreSQL's English configuration
# drops these too, so both databases answer a question the same way.
SEARCH_STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "at", "be", "by", "can", "do", "for", "from", "get", "how"}
    | {"i", "in", "is", "it", "me", "my", "of", "on", "or", "the", "to", "what", "when"}
    | {"where", "with", "you", "your"}
)
SEARCH_MAX_TERMS = 8
SEARCH_MAX_LENGTH = 200


def search_terms(query: str) -> list[str]:
    """The words of a search, lower case, without punctuation or stop words."""
    found = re.findall(r"[^\W_]+", query[:SEARCH_MAX_LENGTH].lower())
    terms = [word for word in found if word not in SEARCH_STOP_WORDS]
    return list(dict.fromkeys(terms))[:SEARCH_MAX_TERMS]


def services_search(*, query: str) -> list[ServiceVersion]:
    """Current services with every word of `query` (or a word it begins) in their
    title, summary or guidance, best match first.

    SQLite: the FTS5 index of migration 0002, ranked by BM25 with the title
    weighing most. PostgreSQL: a weighted tsvector matched against a prefix
    tsquery, ranked by ts_rank. Both stem English words.
    """
    terms = search_terms(query)
    if not terms:
        return []
    if connection.vendor == "sqlite":
        return _search_sqlite(terms)
    return _search_postgresql(terms)


def _search_sqlite(terms: list[str]) -> list[ServiceVersion]:
    # Each term is quoted (it holds letters and digits only) and made a prefix.
    match = " ".join(f'"{term}"*' for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT service.id FROM catalog_servicesearch"
            " JOIN catalog_serviceversion AS service ON service.id = catalog_servicesearch.rowid"
            " WHERE catalog_servicesearch MATCH %s AND service.is_current"
            " ORDER BY bm25(catalog_servicesearch, 10.0, 5.0, 1.0), service.title",
            [match],
        )
        ids = [row[0] for row in cursor.fetchall()]
    found = ServiceVersion.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _search_postgresql(terms: list[str]) -> list[ServiceVersion]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("search_text", weight="C", config="english")
    )
    words = SearchQuery(
        " & ".join(f"{term}:*" for term in terms), search_type="raw", config="english"
    )
    return list(
        ServiceVersion.objects.current()
        .annotate(document=vector, rank=SearchRank(vector, words))
        .filter(document=words)
        .order_by("-rank", "title")
    )
