"""Writes: rotating the data key and re-sealing stored values under the current key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from townhall.privacy import keys
from townhall.privacy.fields import EncryptedField, Sealed

# A value that the application rewrites while we re-seal it is read again, at
# most this many times; the application seals under the current key anyway.
_ATTEMPTS = 3


@dataclass
class ResealSummary:
    key_id: str
    fields: list[str]
    rows: int = 0
    resealed: int = 0
    already_current: int = 0
    unreadable: list[str] = field(default_factory=list)


def encrypted_values_reseal(
    *,
    fields: list[tuple[Any, list[EncryptedField]]],
    batch_size: int = 500,
    progress: Callable[[int], object] | None = None,
) -> ResealSummary:
    """Re-seal every value of these fields that is not under the current key.

    Idempotent, and safe to interrupt and run again: a value is rewritten only
    if it still holds the token that was read (compare-and-set), and values
    already under the current key are left alone. Each batch of rows is its own
    transaction rather than one transaction for everything, so that a long
    rotation never holds SQLite's write lock for more than a moment and an
    interruption keeps the batches already done. A value that does not open
    (altered, or copied from another row) is left as it is and reported.
    """
    ring = keys.keyring()
    summary = ResealSummary(
        key_id=ring.current, fields=[f.label for _, model_fields in fields for f in model_fields]
    )
    for model, model_fields in fields:
        pk_name = model._meta.pk.attname
        columns = {pk_name, *(f.attname for f in model_fields)}
        columns |= {f.bind_field.attname for f in model_fields if f.bind_field is not None}
        last_pk = None
        while True:
            with transaction.atomic(using=model._base_manager.db):
                rows = model._base_manager.order_by(pk_name)
                if last_pk is not None:
                    rows = rows.filter(pk__gt=last_pk)
                batch = list(rows.values(*columns)[:batch_size])
                for row in batch:
                    for model_field in model_fields:
                        _reseal_one(ring, model, model_field, row, pk_name, summary)
            if not batch:
                break
            summary.rows += len(batch)
            if progress is not None:
                progress(len(batch))
            last_pk = batch[-1][pk_name]
            if len(batch) < batch_size:
                break
    return summary


def _reseal_one(
    ring: Any,
    model: Any,
    model_field: EncryptedField,
    row: dict[str, Any],
    pk_name: str,
    summary: ResealSummary,
) -> None:
    sealed: Sealed | None = row[model_field.attname]
    bind = model_field.bind_field
    binding = None if bind is None else row[bind.attname]
    for _ in range(_ATTEMPTS):
        if sealed is None:
            return
        try:
            if sealed.key_id == ring.current:
                summary.already_current += 1
                return
            new = ring.reseal(
                sealed.token, associated_data=model_field.associated_data_for(binding)
            )
        except ValueError as exc:  # DecryptionError, or a row without its binding
            summary.unreadable.append(f"{model_field.label} of row {row[pk_name]}: {exc}")
            return
        same_row = model._base_manager.filter(pk=row[pk_name])
        if same_row.filter(**{model_field.attname: sealed}).update(
            **{model_field.attname: Sealed(new)}
        ):
            summary.resealed += 1
            return
        # Changed (or deleted) since we read it: look again.
        sealed = same_row.values_list(model_field.attname, flat=True).first()
    summary.unreadable.append(
        f"{model_field.label} of row {row[pk_name]}: kept changing, run the command again"
    )


def data_key_rotate() -> str:
    """Add a new current key to the key file; returns its id. Values are not re-sealed yet."""
    return keys.data_key_add().current
