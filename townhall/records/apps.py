from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "townhall.records"
    label = "records"
