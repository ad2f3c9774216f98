"""Every slug in the lexicon of everyday phrasings is a service in the shipped
catalogue or a help page (a misspelt slug would be dropped without a word),
and its phrasings are searched but never quoted as an answer."""

from __future__ import annotations

import pytest

from townhall.assistant.answers import answer
from townhall.assistant.engine.index import OFF_TOPIC
from townhall.assistant.engine.lexicon import lexicon_load
from townhall.assistant.knowledge import documents_current

pytestmark = pytest.mark.django_db


def test_every_lexicon_slug_is_a_page(catalogue):
    pages = {document.slug for document in documents_current()}
    assert set(lexicon_load()) - pages - {OFF_TOPIC} == set()


def test_a_phrasing_finds_its_page_but_the_answer_quotes_the_guidance(catalogue):
    lexicon = lexicon_load()
    result = answer("fly-tipping")
    assert result["sources"][0]["slug"] == "report-a-problem"
    assert not any(line in result["answer"] for line in lexicon["report-a-problem"])
