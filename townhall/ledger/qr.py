"""QR codes of receipts for decision pages and letters."""

from __future__ import annotations

import json
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse


def receipt_qr_data_uri(receipt: dict[str, Any]) -> str:
    """An SVG data: URI (no inline style, so the CSP allows it as an <img>).

    The QR code holds the whole receipt when it fits, so that the letter alone
    is the proof; a receipt too large for a QR code gets the receipt's URL.
    """
    compact = json.dumps(receipt, ensure_ascii=False, separators=(",", ":"))
    try:
        code = segno.make(compact, error="l", micro=False)
    except segno.DataOverflowError:
        url = settings.SITE_URL + reverse("ledger:receipt", args=[receipt["index"]])
        code = segno.make(url, error="m", micro=False)
    return str(code.svg_data_uri(scale=2, border=4, light="#fff", dark="#000"))
