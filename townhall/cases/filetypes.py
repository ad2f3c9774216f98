"""What a file is, from its first bytes (its "magic number"), never its name.

Pure Python, no Django. Only the types a service may accept are known: PDF,
JPEG and PNG (see docs/services.md).
"""

from __future__ import annotations

MAGIC: tuple[tuple[str, bytes], ...] = (
    ("pdf", b"%PDF-"),
    ("png", b"\x89PNG\r\n\x1a\n"),
    ("jpeg", b"\xff\xd8\xff"),
)
HEAD_BYTES = max(len(signature) for _, signature in MAGIC)
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


def detect_type(head: bytes) -> str | None:
    """ "pdf", "png" or "jpeg" for a file starting with `head`, else None."""
    for kind, signature in MAGIC:
        if head.startswith(signature):
            return kind
    return None
