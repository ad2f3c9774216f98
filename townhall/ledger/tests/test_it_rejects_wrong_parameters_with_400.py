from __future__ import annotations

from typing import Any

import pytest

from townhall.ledger.services import NewEntry, ledger_append_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_of_ten() -> None:
    ledger_append_many(entries=[NewEntry("test.entry", f"s{i}", {}) for i in range(10)])


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/ledger/entries/-1", "whole number"),
        ("/ledger/entries/abc", "whole number"),
        ("/ledger/entries/1.5", "whole number"),
        ("/ledger/entries/01", "whole number"),
        ("/ledger/entries/10", "beyond the log"),
        ("/ledger/entries/99999999999999999999999", "whole number"),
        ("/ledger/proof/inclusion", "required"),
        ("/ledger/proof/inclusion?index=1", "size is required"),
        ("/ledger/proof/inclusion?size=5", "index is required"),
        ("/ledger/proof/inclusion?index=-1&size=5", "whole number"),
        ("/ledger/proof/inclusion?index=x&size=5", "whole number"),
        ("/ledger/proof/inclusion?index=1&size=five", "whole number"),
        ("/ledger/proof/inclusion?index=5&size=5", "not in a tree"),
        ("/ledger/proof/inclusion?index=0&size=0", "not in a tree"),
        ("/ledger/proof/inclusion?index=1&size=11", "beyond the log"),
        ("/ledger/proof/consistency?first=1", "second is required"),
        ("/ledger/proof/consistency?second=3", "first is required"),
        ("/ledger/proof/consistency?first=0&second=3", "at least 1"),
        ("/ledger/proof/consistency?first=-2&second=3", "whole number"),
        ("/ledger/proof/consistency?first=4&second=3", "must not be larger"),
        ("/ledger/proof/consistency?first=2&second=11", "beyond the log"),
        ("/ledger/proof/consistency?first=2&second=%20", "whole number"),
        ("/ledger/receipt/-3", "whole number"),
        ("/ledger/receipt/10", "beyond the log"),
        ("/ledger/tile/-1/000", "tile level"),
        ("/ledger/tile/64/000", "tile level"),
        ("/ledger/tile/abc/000", "tile level"),
        ("/ledger/tile/0/1", "tile index"),
        ("/ledger/tile/0/x000/001", "canonical"),
        ("/ledger/tile/0/000.p/0", "canonical"),
        ("/ledger/tile/0/000.p/256", "canonical"),
        ("/ledger/tile/0/000.p/x", "tile index"),
        ("/ledger/tile/entries/-01", "tile index"),
        ("/ledger/tile/entries/000.p/300", "canonical"),
    ],
)
def test_it_answers_bad_parameters_with_400_and_a_message(
    client: Any, log_of_ten: None, url: str, message: str
) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert message in response.json()["error"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "url",
    [
        "/ledger/tile/0/001",
        "/ledger/tile/0/000.p/11",
        "/ledger/tile/1/000.p/1",
        "/ledger/tile/entries/001",
        "/ledger/tile/entries/000.p/11",
        "/ledger/tile/entries/000",
    ],
)
def test_it_answers_400_for_tiles_beyond_the_tree(client: Any, log_of_ten: None, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "beyond" in response.json()["error"]


def test_it_accepts_only_reads(client: Any, log_of_ten: None) -> None:
    assert client.post("/ledger/checkpoint").status_code == 405
    assert client.delete("/ledger/entries/1").status_code == 405
    assert client.head("/ledger/entries/1").status_code == 200
