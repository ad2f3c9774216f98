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
from townhall.assistant.engine.text import corrected, terms, weighted_terms, words

K1 = 1.2
B = 0.75
# The kind of the lexicon's pseudo-document of things the council does not do:
# it competes in the ranking like any page, and winning means "out of scope".
OFF_TOPIC = "out-of-scope"
COS_FLOOR = 0.15
COS_CEILING = 0.65
TEXT_WEIGHT = 0.5  # of the fused score; the rest is the embedding's


@dataclass(frozen=True)
class Passage:
    heading: str
    text: str
    # An everyday phrasing from the lexicon: searched like the guidance, never
    # quoted, because only the guidance itself is an answer.
    alias: bool = False


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
    _vocabulary: frozenset[str] = frozenset()  # words never "corrected"
    _choices: list[str] = field(default_factory=list)  # what a misspelling may become
    _vectors: np.ndarray | None = None

    def __post_init__(self) -> None:
        texts: list[str] = []
        phrasings: list[str] = []  # what the sentence model reads
        for d, document in enumerate(self.documents):
            for p, passage in enumerate(document.passages):
                self._rows.append((d, p))
                # The title travels with every passage: "How long it takes" means
                # nothing without knowing what "it" is.
                texts.append(
                    f"{document.title}. {document.title}. {passage.heading}. {passage.text}"
                )
                phrasings.append(
                    f"{document.title}. {passage.text}" if document.title else passage.text
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
        self._choices = sorted(raw)
        dictionary = self.encoder.words() if self.encoder is not None else frozenset()
        self._vocabulary = frozenset(raw) | dictionary
        if self.encoder is not None and texts:
            self._vectors = self.encoder.encode(phrasings)

    @property
    def hybrid(self) -> bool:
        return self._vectors is not None

    def _text_scores(self, question_words: list[str]) -> np.ndarray:
        weights = weighted_terms(question_words)
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

    def _scores(
        self, question: str, vector: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
        """Per passage row: the full-text score, the cosine (or None), the fused score."""
        fixed, changed = corrected(question, self._vocabulary, self._choices)
        text = self._text_scores(fixed)
        if self._vectors is None:
            return text, None, text
        if vector is None:
            # The model reads "pothle" as noise; let it read what was meant.
            vector = self.embed(" ".join(fixed) if changed else question)
        cosine = self._vectors @ vector
        semantic = np.clip((cosine - COS_FLOOR) / (COS_CEILING - COS_FLOOR), 0.0, 1.0)
        return text, cosine, TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * semantic

    def _hits(
        self,
        ranked: list[tuple[int, int]],
        quote: dict[int, int],
        scores: tuple[np.ndarray, np.ndarray | None, np.ndarray],
    ) -> list[Hit]:
        text, cosine, fused = scores
        return [
            Hit(
                document=self.documents[d],
                score=float(fused[row]),
                passage=self.documents[d].passages[self._rows[quote.get(d, row)][1]],
                text_score=float(text[row]),
                embedding_score=None if cosine is None else float(cosine[row]),
            )
            for d, row in ranked
        ]

    def _best_rows(self, fused: np.ndarray) -> tuple[dict[int, int], dict[int, int]]:
        """Per document: its best row, and its best row that may be quoted."""
        best: dict[int, int] = {}
        quote: dict[int, int] = {}
        for row, (d, p) in enumerate(self._rows):
            if d not in best or fused[row] > fused[best[d]]:
                best[d] = row
            if not self.documents[d].passages[p].alias and (
                d not in quote or fused[row] > fused[quote[d]]
            ):
                quote[d] = row
        return best, quote

    def search(
        self, question: str, *, limit: int = 3, vector: np.ndarray | None = None
    ) -> list[Hit]:
        """The best documents for a question, best first, each with its best passage."""
        scores = self._scores(question, vector)
        fused = scores[2]
        best, quote = self._best_rows(fused)
        ranked = sorted(best.items(), key=lambda item: (-fused[item[1]], item[0]))
        # The off-topic pseudo-document only counts when it beats every page;
        # below that it is never offered as a source.
        ranked = ranked[:1] + [
            item for item in ranked[1:] if self.documents[item[0]].kind != OFF_TOPIC
        ]
        return self._hits(ranked[:limit], quote, scores)

    def best_in(self, question: str, slug: str) -> Hit | None:
        """The question's best passage in one document (the one the resident
        chose when asked what they meant), or None if there is no such page."""
        for d, document in enumerate(self.documents):
            if document.slug == slug and document.kind != OFF_TOPIC:
                scores = self._scores(question, None)
                best, quote = self._best_rows(scores[2])
                return self._hits([(d, best[d])], quote, scores)[0]
        return None
