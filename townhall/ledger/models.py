"""The ledger's tables. Only townhall.ledger.services writes them.

The tree is stored as C2SP tiles: each Tile row holds up to 256 consecutive
hashes of one tile level (leaf hashes at level 0, roots of full level-0 tiles at
level 1, ...). A row grows until it is full and then never changes, so any proof
reads O(log n) rows whatever the size of the log.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.ledger.merkle import HASH_SIZE


class LogHead(models.Model):
    """The single row (pk=1) that appends lock: size, root and right border of the tree."""

    size = models.BigIntegerField(default=0)
    root = models.BinaryField(default=b"")
    # merkle.Frontier.encode(): the roots of the perfect subtrees on the
    # tree's right border, enough to append and to compute the root.
    frontier = models.BinaryField(default=b"")

    class Meta:
        verbose_name = _("ledger head")
        verbose_name_plural = _("ledger heads")

    def __str__(self) -> str:
        return f"ledger head at size {self.size}"


class Entry(models.Model):
    index = models.BigIntegerField(primary_key=True)
    # The exact canonical JSON bytes that were hashed into the leaf.
    body = models.BinaryField()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")

    def __str__(self) -> str:
        return f"#{self.index}"


class Tile(models.Model):
    level = models.PositiveSmallIntegerField()
    index = models.BigIntegerField()
    hashes = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "index"], name="ledger_tile_level_index")
        ]

    def __str__(self) -> str:
        return f"tile {self.level}/{self.index}"

    @property
    def width(self) -> int:
        return len(self.hashes) // HASH_SIZE


class Checkpoint(models.Model):
    """Every signed checkpoint the log published, kept for ever."""

    size = models.BigIntegerField(unique=True)
    root = models.BinaryField()
    note = models.TextField()
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("ledger checkpoint")
        verbose_name_plural = _("ledger checkpoints")
        ordering = ["size"]

    def __str__(self) -> str:
        return f"checkpoint {self.size}"


class Cosignature(models.Model):
    """A witness's tlog-cosignature/v1 line on one checkpoint."""

    checkpoint = models.ForeignKey(
        Checkpoint, on_delete=models.PROTECT, related_name="cosignatures"
    )
    witness = models.CharField(max_length=200)
    line = models.TextField()
    timestamp = models.BigIntegerField()
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkpoint", "witness"], name="ledger_cosignature_per_witness"
            )
        ]

    def __str__(self) -> str:
        return f"cosignature by {self.witness}"
