"""Without the sentence model, retrieval still answers on full text alone."""

from townhall.assistant.engine.index import Document, Index, Passage
from townhall.assistant.engine.intents import OUT_OF_SCOPE, decide

DOCS = [
    Document(
        "service",
        "bulky-waste",
        "Book a bulky waste collection",
        "/services/bulky-waste/",
        (Passage("", "We collect large items like sofas, fridges and mattresses."),),
    ),
    Document(
        "service",
        "pet-license",
        "License your dog or cat",
        "/services/pet-license/",
        (Passage("", "Every dog and cat in the city needs a license."),),
    ),
]


def test_it_ranks_by_text_and_forgives_misspellings():
    index = Index(DOCS)
    assert not index.hybrid
    assert index.search("how do i get rid of an old couch")[0].document.slug == "bulky-waste"
    assert index.search("licsense for my doggo puppy")[0].document.slug == "pet-license"


def test_it_says_out_of_scope_when_nothing_matches():
    index = Index(DOCS)
    question = "what time is it in tokyo"
    assert decide(question, index.search(question), hybrid=False).intent == OUT_OF_SCOPE
