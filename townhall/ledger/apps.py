from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "townhall.ledger"
    label = "ledger"
