"""A receipt proves its entry with nothing but itself and the log's public key."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from townhall.ledger import keys
from townhall.ledger.note import Signer
from townhall.ledger.receipt import ReceiptError, verify_receipt
from townhall.ledger.services import NewEntry, ledger_append, ledger_append_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(client: Any, resident: Any) -> dict[str, Any]:
    ledger_append_many(entries=[NewEntry("test.entry", f"s{i}", {}) for i in range(40)])
    entry = ledger_append(
        kind="case.decision", subject="case:7", payload={"outcome": "granted"}, actor=resident
    )
    ledger_append_many(entries=[NewEntry("test.entry", f"t{i}", {}) for i in range(9)])
    response = client.get(f"/ledger/receipt/{entry.index}")
    assert response.status_code == 200
    return response.json()


def test_a_receipt_from_the_log_verifies_offline(receipt: dict[str, Any]) -> None:
    result = verify_receipt(json.dumps(receipt), keys.verifier_key())
    assert result.index == 40
    assert result.fields["kind"] == "case.decision"
    assert result.fields["subject"] == "case:7"
    assert result.checkpoint.size == 50


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda r: r.update(entry=r["entry"].replace("granted", "refused")), "proof"),
        (lambda r: r.update(index=r["index"] + 1), "proof"),
        (lambda r: r.update(index=500), "index"),
        (lambda r: r.update(inclusion_proof=r["inclusion_proof"][:-1]), "proof"),
        (lambda r: r.update(inclusion_proof=["not base64!"]), "proof"),
        (lambda r: r.update(checkpoint=r["checkpoint"].replace("\n50\n", "\n51\n")), "signature"),
        (lambda r: r.pop("checkpoint"), "format"),
        (lambda r: r.update(format="something/else"), "format"),
    ],
)
def test_a_changed_receipt_fails(receipt: dict[str, Any], change: Any, code: str) -> None:
    change(receipt)
    with pytest.raises(ReceiptError) as failure:
        verify_receipt(json.dumps(receipt), keys.verifier_key())
    assert failure.value.code == code


def test_another_logs_key_rejects_the_receipt(receipt: dict[str, Any]) -> None:
    other = Signer.generate("town.example/ledger")
    with pytest.raises(ReceiptError) as failure:
        verify_receipt(receipt, str(other.verifier))
    assert failure.value.code == "signature"


def test_the_command_checks_a_receipt_file(receipt: dict[str, Any], tmp_path: Path) -> None:
    good = tmp_path / "receipt.json"
    good.write_text(json.dumps(receipt), encoding="utf-8")
    out = StringIO()
    call_command("ledger", "verify-receipt", str(good), "--key", keys.verifier_key(), stdout=out)
    assert out.getvalue().startswith("VALID: entry 40 is in town.example/ledger")
    assert "kind=case.decision subject=case:7" in out.getvalue()

    receipt["entry"] = receipt["entry"].replace("granted", "refused")
    bad = tmp_path / "forged.json"
    bad.write_text(json.dumps(receipt), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("ledger", "verify-receipt", str(bad), stderr=err)
    assert failure.value.returncode == 1
    assert err.getvalue().startswith("INVALID: the entry and its proof do not lead to the root")


def test_the_ledger_page_checks_a_pasted_receipt(client: Any, receipt: dict[str, Any]) -> None:
    response = client.post("/ledger/", {"receipt": json.dumps(receipt)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This receipt is genuine" in page
    assert "Entry 40 is in the ledger" in page
    assert "case:7" in page

    receipt["entry"] = receipt["entry"].replace("granted", "refused")
    response = client.post("/ledger/", {"receipt": json.dumps(receipt)})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "the entry or its proof was changed" in page
    assert "<title>Error:" in page
    assert "This receipt is genuine" not in page


def test_the_ledger_page_explains_an_empty_or_garbled_paste(client: Any) -> None:
    assert "Paste the receipt you want to check" in client.post("/ledger/", {}).content.decode()
    garbled = client.post("/ledger/", {"receipt": "hello"}).content.decode()
    assert "This is not a receipt" in garbled


def test_a_receipt_waits_for_a_checkpoint(client: Any, settings: Any) -> None:
    settings.LEDGER_CHECKPOINT_INTERVAL = 3600
    client.get("/ledger/checkpoint")
    entry = ledger_append(kind="case.decision", subject="case:8", payload={})
    response = client.get(f"/ledger/receipt/{entry.index}")
    assert response.status_code == 503
    assert response["Retry-After"] == "3600"
