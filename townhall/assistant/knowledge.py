"""The assistant's index: built from the catalogue's guidance and the help pages.

Built once per process, on first use (or at start-up by the app config), and
rebuilt when the set of current service versions changes: publishing a new
version of a service's guidance is the only way guidance changes.
"""

from __future__ import annotations

import re
import threading
import time

from django.urls import reverse
from django.utils import translation

from townhall.assistant.engine.encoder import Encoder, load_encoder
from townhall.assistant.engine.index import OFF_TOPIC, Document, Index, Passage
from townhall.assistant.engine.lexicon import lexicon_load
from townhall.assistant.help_pages import PAGES
from townhall.catalog.selectors import service_spec, services_current

# How often, at most, a request checks whether the catalogue changed.
FRESHNESS_SECONDS = 10.0

_MARKDOWN = re.compile(r"[#*_`>\[\]]|\(https?://[^)]*\)")

_lock = threading.Lock()
_state: dict[str, object] = {}


def _plain(markdown: str) -> str:
    return " ".join(_MARKDOWN.sub("", markdown).split())


def documents_current() -> list[Document]:
    """Every service's guidance and every help page, in English (the language
    the guidance is written in first and the model was trained on), each with
    the lexicon's everyday phrasings for it (searched, never quoted)."""
    documents = []
    lexicon = lexicon_load()

    def aliases(slug: str) -> list[Passage]:
        return [Passage(heading="", text=line, alias=True) for line in lexicon.get(slug, ())]

    with translation.override("en"):
        for version in services_current():
            spec = service_spec(version)
            guidance = spec.guidance
            passages = [Passage(heading=spec.title.get("en"), text=spec.summary.get("en"))]
            if guidance.intro:
                passages.append(Passage(heading="", text=_plain(guidance.intro.get("en"))))
            for heading, body in guidance.sections():
                passages.append(Passage(heading=heading.get("en"), text=_plain(body.get("en"))))
            passages += aliases(spec.slug)
            documents.append(
                Document(
                    kind="service",
                    slug=spec.slug,
                    title=spec.title.get("en"),
                    url=reverse("catalog:start", kwargs={"slug": spec.slug}),
                    passages=tuple(passages),
                )
            )
        for page in PAGES:
            passages = [Passage(heading=str(page.title), text=str(page.summary))]
            passages += [Passage(heading=str(h), text=str(t)) for h, t in page.sections]
            passages += aliases(page.slug)
            documents.append(
                Document(
                    kind="topic",
                    slug=page.slug,
                    title=str(page.title),
                    url=reverse("assistant:help", kwargs={"slug": page.slug}),
                    passages=tuple(passages),
                )
            )
    # Not a page: the lexicon's phrasings of what the council cannot answer.
    off_topic = aliases(OFF_TOPIC)
    if off_topic:
        documents.append(
            Document(kind=OFF_TOPIC, slug=OFF_TOPIC, title="", url="", passages=tuple(off_topic))
        )
    return documents


def _fingerprint() -> tuple[int, ...]:
    return tuple(sorted(version.pk for version in services_current()))


def _encoder() -> Encoder | None:
    if "encoder" not in _state:
        _state["encoder"] = load_encoder()
    return _state["encoder"]  # type: ignore[return-value]


def index_rebuild() -> Index:
    """Build the index now (the `townhall assistant reindex` command)."""
    with _lock:
        index = Index(documents_current(), encoder=_encoder())
        _state.update(index=index, fingerprint=_fingerprint(), checked=time.monotonic())
        return index


def index_current() -> Index:
    """The index, rebuilt first if the catalogue changed since it was built."""
    index = _state.get("index")
    if index is None:
        return index_rebuild()
    if time.monotonic() - float(_state["checked"]) > FRESHNESS_SECONDS:  # type: ignore[arg-type]
        _state["checked"] = time.monotonic()
        if _fingerprint() != _state["fingerprint"]:
            return index_rebuild()
    return index  # type: ignore[return-value]


def index_forget() -> None:
    """Drop the built index (tests that change the catalogue use this)."""
    with _lock:
        _state.pop("index", None)


def mode() -> str:
    """ "hybrid" when the sentence model is installed, else "full-text only"."""
    return "hybrid" if _encoder() is not None else "full-text only"
