"""Checking a ledger receipt with nothing but the receipt and the log's public key.

A receipt is a JSON object:

    {
      "format": "townhall-ledger-receipt/v1",
      "index": 41,                       # the entry's position in the log
      "entry": "{...}",                  # the entry's exact canonical JSON text
      "inclusion_proof": ["base64", ...],# RFC 9162 inclusion proof, bottom-up
      "checkpoint": "origin\\nsize\\nroot\\n\\n— origin sig\\n"  # signed checkpoint
    }

It is valid when (docs/ledger.md has the same steps for other implementers):

1. the checkpoint is a C2SP signed note carrying a valid Ed25519 signature by
   the log's verifier key, and its origin line is that key's name;
2. index < the checkpoint's tree size;
3. SHA-256(0x00 || UTF-8 bytes of entry), with the inclusion proof, hashes up
   (RFC 9162 section 2.1.3.2) to the checkpoint's root hash.

Pure Python, no Django: `townhall ledger verify-receipt` and the /ledger/ page use it.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from townhall.ledger import merkle
from townhall.ledger.note import Checkpoint, NoteError, Verifier, open_checkpoint

FORMAT = "townhall-ledger-receipt/v1"


class ReceiptError(ValueError):
    """Why a receipt does not verify; `code` is stable for callers that translate."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class VerifiedReceipt:
    index: int
    entry: str
    fields: Mapping[str, Any]
    checkpoint: Checkpoint


def _load(receipt: str | bytes | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(receipt, Mapping):
        return receipt
    try:
        data = json.loads(receipt)
    except (ValueError, UnicodeDecodeError):
        raise ReceiptError("not-json", "the receipt is not JSON") from None
    if not isinstance(data, dict):
        raise ReceiptError("not-json", "the receipt is not a JSON object")
    return data


def verify_receipt(
    receipt: str | bytes | Mapping[str, Any], key: str | Verifier
) -> VerifiedReceipt:
    data = _load(receipt)
    index, entry, proof_text, note = (
        data.get("index"),
        data.get("entry"),
        data.get("inclusion_proof"),
        data.get("checkpoint"),
    )
    if (
        data.get("format") != FORMAT
        or not isinstance(index, int)
        or isinstance(index, bool)
        or index < 0
        or not isinstance(entry, str)
        or not isinstance(note, str)
        or not isinstance(proof_text, list)
        or not all(isinstance(item, str) for item in proof_text)
    ):
        raise ReceiptError(
            "format",
            f"the receipt lacks {FORMAT} fields: index, entry, inclusion_proof, checkpoint",
        )
    try:
        verifier = key if isinstance(key, Verifier) else Verifier.parse(key)
        checkpoint = open_checkpoint(note, verifier)
    except NoteError as exc:
        raise ReceiptError(
            "signature", f"the checkpoint is not signed by the log ({exc})"
        ) from None
    if index >= checkpoint.size:
        raise ReceiptError("index", "the entry is not in the tree the checkpoint signs")
    try:
        proof = [base64.b64decode(item, validate=True) for item in proof_text]
    except (binascii.Error, ValueError):
        raise ReceiptError("proof", "the inclusion proof is not base64") from None
    leaf = merkle.leaf_hash(entry.encode("utf-8"))
    if not merkle.verify_inclusion(index, checkpoint.size, leaf, proof, checkpoint.root):
        raise ReceiptError(
            "proof", "the entry and its proof do not lead to the root the log signed"
        )
    try:
        fields = json.loads(entry)
    except ValueError:
        fields = {}
    return VerifiedReceipt(index, entry, fields if isinstance(fields, dict) else {}, checkpoint)
