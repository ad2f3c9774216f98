"""Reads: which fields hold encrypted values, and under which keys they are sealed."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.apps import apps as installed_apps
from django.apps.registry import Apps

from townhall.privacy.crypto import DecryptionError, key_id_of
from townhall.privacy.fields import EncryptedField

MALFORMED = "(not a sealed value)"


def encrypted_fields(*, app_registry: Apps | None = None) -> list[tuple[Any, list[EncryptedField]]]:
    """(model, its own encrypted fields) for every model that has some.

    Each field is listed once, on the model whose table holds it: proxies share
    their concrete model's table, and a multi-table child's inherited fields
    live in the parent's table.
    """
    found = []
    for model in (app_registry or installed_apps).get_models():
        if model._meta.proxy:
            continue
        fields = [f for f in model._meta.local_concrete_fields if isinstance(f, EncryptedField)]
        if fields:
            found.append((model, fields))
    return found


def encrypted_value_count(*, fields: list[tuple[Any, list[EncryptedField]]]) -> int:
    """Rows to visit when re-sealing these fields (a row counts once for all its fields)."""
    return sum(model._base_manager.count() for model, _ in fields)


def key_usage(*, fields: list[tuple[Any, list[EncryptedField]]]) -> Counter[str]:
    """How many stored values are sealed under each key id."""
    usage: Counter[str] = Counter()
    for model, model_fields in fields:
        for field in model_fields:
            tokens = (
                model._base_manager.exclude(**{f"{field.attname}__isnull": True})
                .values_list(field.attname, flat=True)
                .iterator(chunk_size=2000)
            )
            for sealed in tokens:
                try:
                    usage[key_id_of(sealed.token)] += 1
                except DecryptionError:
                    usage[MALFORMED] += 1
    return usage
