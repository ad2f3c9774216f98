from __future__ import annotations

from typing import Any

from django import template

from townhall.ledger import selectors
from townhall.ledger.qr import receipt_qr_data_uri

register = template.Library()


@register.inclusion_tag("ledger/includes/receipt.html")
def ledger_receipt(index: int) -> dict[str, Any]:
    """The receipt of ledger entry `index` as a QR code and a download link.

    Reads only: if no checkpoint covers the entry yet (one is signed within
    LEDGER_CHECKPOINT_INTERVAL seconds of the append), it says so.
    """
    receipt = selectors.receipt_for(index)
    return {
        "index": index,
        "receipt": receipt,
        "qr": receipt_qr_data_uri(receipt) if receipt else None,
    }
