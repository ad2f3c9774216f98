from __future__ import annotations

import json
import re
from typing import Any

import pytest
import segno
from django.template import Context, Template

from townhall.ledger.qr import receipt_qr_data_uri
from townhall.ledger.services import ledger_append, ledger_checkpoint_publish

pytestmark = pytest.mark.django_db


def test_the_page_explains_the_ledger_and_shows_the_latest_checkpoint(client: Any) -> None:
    ledger_append(kind="case.decision", subject="case:1", payload={})
    response = client.get("/ledger/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "Transparency ledger" in page
    assert "It does not use a blockchain" in page
    assert '<dd class="govuk-summary-list__value">1</dd>' in page
    assert "town.example/ledger+" in page  # the public key
    assert 'name="receipt"' in page and 'action="/ledger/#check-a-receipt"' in page


def test_the_page_needs_no_inline_script_or_style(client: Any) -> None:
    page = client.get("/ledger/").content.decode()
    assert " style=" not in page
    assert "<style" not in page
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", page) == []


def test_the_receipt_tag_shows_a_qr_code_and_a_download_link(resident: Any) -> None:
    entry = ledger_append(kind="case.decision", subject="case:9", payload={"a": 1}, actor=resident)
    template = Template("{% load ledger %}{% ledger_receipt index %}")
    pending = template.render(Context({"index": entry.index}))
    assert "will be ready in a few seconds" in pending
    ledger_checkpoint_publish()
    html = template.render(Context({"index": entry.index}))
    assert 'src="data:image/svg+xml' in html
    assert 'alt="QR code of your ledger receipt"' in html
    assert f"/ledger/receipt/{entry.index}?download=1" in html
    assert " style=" not in html


def test_the_receipt_download_is_a_json_attachment(client: Any) -> None:
    entry = ledger_append(kind="case.decision", subject="case:9", payload={})
    response = client.get(f"/ledger/receipt/{entry.index}?download=1")
    assert response["Content-Disposition"] == 'attachment; filename="ledger-receipt-0.json"'
    assert json.loads(response.content)["format"] == "townhall-ledger-receipt/v1"


def test_a_receipt_too_large_for_a_qr_code_gets_its_url_in_the_qr_code() -> None:
    large = {"format": "townhall-ledger-receipt/v1", "index": 3, "entry": "x" * 4000}
    assert receipt_qr_data_uri(large).startswith("data:image/svg+xml")
    with pytest.raises(segno.DataOverflowError):
        segno.make(json.dumps(large), error="l", micro=False)
