"""`townhall check` reports a broken key file before the first request meets it."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from townhall.privacy import keys


@checks.register(checks.Tags.security)
def key_file_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not keys.key_file().exists():
        return []  # made on first use; a check should not write files
    try:
        keys.keyring()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="privacy.E010")]
    return []
