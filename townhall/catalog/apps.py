from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "townhall.catalog"
    label = "catalog"
