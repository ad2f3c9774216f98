"""The demo catalogue: the service definitions shipped in catalog/services/."""

from townhall.catalog.services import service_definitions_load


def load() -> None:
    service_definitions_load()
