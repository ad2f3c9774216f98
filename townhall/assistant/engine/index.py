"""Hybrid retrieval over guidance passages: BM25 fused with sentence embeddings.

A *document* is one service or help page; its *passages* are its sections.
A document scores as its best passage. Both signals are put on a 0..1 scale
that means the same thing for every question, so the fused score can also be
read as confidence (a reciprocal-rank fusion would rank well but say nothing
about whether the best match is any good):

- BM25 is divided by the score a passage would get if it held every query term
  (the query's own ceiling), which measures how much of the question is covered.
- Cosine similarity is mapped linearly from COS_FLOOR (unrelated text scores
  about that with MiniLM) to COS_CEILING (a close paraphrase).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from townhall.assistant.engine.encoder import Encoder
from townhall.assistant.engine.text import query_terms, terms, words

K1 = 1.2
B = 0.75
COS_FLOOR = 0.15
COS_CEILING = 0.65
TEXT_WEIGHT = 0.5  # of the fused score; the rest is the embedding's


@dataclass(frozen=True)
class Passage:
    heading: str
    text: str


@dataclass(frozen=True)
class Document:
    kind: str  # "service" or "topic"
    slug: str
    title: str
    url: str
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float
    passage: Passage
    text_score: float
    embedding_score: float | None


@dataclass
class Index:
    documents: list[Document]
    encoder: Encoder | None = None
    _rows: list[tuple[int, int]] = field(default_factory=list)  # (document, passage)
    _tf: list[Counter[str]] = field(default_factory=list)
    _lengths: np.ndarray = field(default_factory=lambda: np.zeros(0))
    _idf: dict[str, float] = field(default_factory=dict)
    _typical_idf: float = 1.0
    _vocabulary: frozenset[str] = frozenset()
    _choices: list[str] = field(default_factory=list)
    _vectors: np.ndarray | None = None

    def __post_init__(self) -> None:
        texts: list[str] = []
        for d, document in enumerate(self.documents):
            for p, passage in enumerate(document.passages):
                self._rows.append((d, p))
                # The title travels with every passage: "How long it takes" means
                # nothing without knowing what "it" is.
                texts.append(
                    f"{document.title}. {document.title}. {passage.heading}. {passage.text}"
                )
        self._tf = [Counter(terms(text)) for text in texts]
        self._lengths = np.array([sum(tf.values()) for tf in self._tf], dtype=np.float64)
        df: Counter[str] = Counter()
        for tf in self._tf:
            df.update(tf.keys())
        n = len(self._tf)
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._typical_idf = float(np.median(list(self._idf.values()))) if self._idf else 1.0
        raw = {w for text in texts for w in words(text)}
        self._vocabulary = frozenset(raw)
        self._choices = sorted(raw)
        if self.encoder is not None and texts:
            self._vectors = self.encoder.encode(
                [
                    f"{self.documents[d].title}. {self.documents[d].passages[p].text}"
                    for d, p in self._rows
                ]
            )

    @property
    def hybrid(self) -> bool:
        return self._vectors is not None

    def _text_scores(self, question: str) -> np.ndarray:
        weights = query_terms(question, self._vocabulary, self._choices)
        scores = np.zeros(len(self._rows))
        ceiling = 0.0
        avg = float(self._lengths.mean()) if len(self._lengths) else 1.0
        for term, weight in weights.items():
            idf = self._idf.get(term)
            if idf is None:
                # An unknown word still counts against coverage: a question about
                # "tokyo" is not answered by a passage that mentions "time". It
                # counts as a typical word, not the rarest one: everyday words
                # the guidance happens not to use ("old", "pavement") are common.
                ceiling += weight * self._typical_idf * (K1 + 1)
                continue
            ceiling += weight * idf * (K1 + 1)
            for row, tf in enumerate(self._tf):
                f = tf.get(term)
                if f:
                    norm = K1 * (1 - B + B * self._lengths[row] / avg)
                    scores[row] += weight * idf * f * (K1 + 1) / (f + norm)
        # The ceiling assumes each term once; repeated terms can pass it.
        return np.minimum(scores / ceiling, 1.0) if ceiling else scores

    def embed(self, question: str) -> np.ndarray | None:
        return self.encoder.encode([question])[0] if self.encoder is not None else None

    def search(
        self, question: str, *, limit: int = 3, vector: np.ndarray | None = None
    ) -> list[Hit]:
        """The best documents for a question, best first, each with its best passage."""
        text = self._text_scores(question)
        cosine = None
        fused = text
        if self._vectors is not None:
            vector = vector if vector is not None else self.embed(question)
            cosine = self._vectors @ vector
            semantic = np.clip((cosine - COS_FLOOR) / (COS_CEILING - COS_FLOOR), 0.0, 1.0)
            fused = TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * semantic
        best: dict[int, int] = {}
        for row, (d, _p) in enumerate(self._rows):
            if d not in best or fused[row] > fused[best[d]]:
                best[d] = row
        ranked = sorted(best.items(), key=lambda item: (-fused[item[1]], item[0]))[:limit]
        return [
            Hit(
                document=self.documents[d],
                score=float(fused[row]),
                passage=self.documents[d].passages[self._rows[row][1]],
                text_score=float(text[row]),
                embedding_score=None if cosine is None else float(cosine[row]),
            )
            for d, row in ranked
        ]
