from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

# The shared test data sits beside the checkout: <repo>/../shared/data/ledger.
VECTORS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ledger" / "vectors.json"


@pytest.fixture(scope="session")
def vectors() -> dict[str, Any]:
    if not VECTORS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the ledger test vectors are missing: {VECTORS}")
        pytest.skip(f"the shared ledger test vectors are not checked out at {VECTORS}")
    return json.loads(VECTORS.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def ledger_settings(settings: Any, tmp_path: Path) -> Any:
    """A fresh signing key per test, a fixed origin and no wait between checkpoints."""
    settings.LEDGER_KEY_FILE = tmp_path / "ledger-signing.key"
    settings.LEDGER_ORIGIN = "town.example/ledger"
    settings.LEDGER_CHECKPOINT_INTERVAL = 0
    settings.LEDGER_WITNESS_KEYS = []
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    return settings


@pytest.fixture
def resident(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("resident@town.example", "a-long-password-1")


@pytest.fixture
def caseworker(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("caseworker@town.example", "a-long-password-2")
