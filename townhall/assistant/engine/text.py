"""Words in, search terms out: tokenising, light stemming, synonyms, spelling.

Residents write "couch", "garbage", "licence", "recieve"; the guidance says
"sofa", "waste", "license", "receive". The thesaurus below maps everyday words
to the vocabulary councils use. It is written from the domain (what people call
things), not from any test set, and it only ever *adds* terms to a query.
"""

from __future__ import annotations

import re
from difflib import get_close_matches

_WORD = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before being
    but by can could did do does doing done for from get got had has have having he her here hers
    him his how i if in into is it its just me might more most my myself need no not now of off on
    once only or other our ours out over own please same shall she should so some such than that
    the their them then there these they this those through to too under until up very was way we
    were what when where which while who whom why will with would you your yours yourself hi hello
    thanks thank want wanna like know tell let us one someone something anyone really just im ive
    id dont cant wont whats hows wheres thing things go going make made lot bit""".split()  # noqa: SIM905 - a word list reads better as text
)

# Spelling variants first: they replace the word rather than add to it.
VARIANTS = {
    "licence": "license",
    "licences": "licenses",
    "licencing": "licensing",
    "licenced": "licensed",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "kerb": "curb",
    "tyre": "tire",
    "tyres": "tires",
    "colour": "color",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "centre": "center",
    "programme": "program",
    "organise": "organize",
    "cheque": "check",
    "pavement": "sidewalk",
    "favour": "favor",
}

_GROUPS: tuple[tuple[str, str], ...] = (
    # everyday words -> council words
    (
        "pothole hole holes crack cracked tree trees branch fallen fell graffiti vandal vandalism "
        "litter dumped dumping fly tipping flytipping flytip abandoned broken damaged blocked leak "
        "leaking overflowing spill sidewalk pavement road streetlight lamp lamppost sign drain "
        "manhole bench playground",
        "report problem street",
    ),
    ("light lights streetlight lamp dark", "street light"),
    (
        "sofa couch mattress mattresses fridge freezer furniture wardrobe washer appliance "
        "appliances bulky junk settee armchair dishwasher",
        "bulky waste collection items",
    ),
    ("rubbish trash garbage junk refuse bin bins", "waste collection"),
    (
        "rent landlord evicted eviction evict mortgage afford homeless arrears behind housing "
        "bills",
        "housing assistance help costs",
    ),
    (
        "doctor doctors medical hospital insurance medicine healthcare clinic sick dentist "
        "prescription gp",
        "health coverage cover",
    ),
    (
        "shop store sell selling trade trading cafe restaurant stall vendor food cakes bakery "
        "baking startup company self employed sole trader hawker",
        "business license",
    ),
    ("puppy dog dogs cat cats kitten pet pets", "pet license dog cat"),
    ("car cars vehicle vehicles van driveway resident residents park", "parking permit"),
    ("born baby newborn birth", "birth certificate"),
    (
        "extension loft garage renovate renovation build building construction conservatory "
        "shed fence wall deck porch demolish",
        "building permit",
    ),
    (
        "party festival parade concert fair market gathering bbq barbecue block street party",
        "event permit",
    ),
    ("tax taxes income earnings refund deduction deductions owe", "tax return"),
    (
        "foia foi documents files minutes emails public records information freedom",
        "records request",
    ),
    (
        "vote voting ballot proposal proposals idea ideas budget project projects fund "
        "funding spend",
        "participatory budgeting",
    ),
    (
        "consultation consultations survey feedback opinion comment say plan plans planning views",
        "consultations",
    ),
    ("data personal gdpr delete erase cookies privacy copy", "privacy personal data"),
    (
        "accessible accessibility disability disabled blind deaf screen reader wheelchair "
        "easy read large print dyslexia",
        "accessibility",
    ),
    (
        "phone call email address opening hours speak person human office complain complaint "
        "talk reach",
        "contact",
    ),
)

SYNONYMS: dict[str, tuple[str, ...]] = {}
for _words, _targets in _GROUPS:
    for _word in _words.split():
        SYNONYMS[_word] = SYNONYMS.get(_word, ()) + tuple(_targets.split())


def stem(word: str) -> str:
    """A deliberately light stemmer: plurals and -ing/-ed, nothing clever."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case words with spelling variants unified, stopwords kept."""
    return [VARIANTS.get(w, w) for w in _WORD.findall(text.lower().replace("'", ""))]


def terms(text: str) -> list[str]:
    """The stemmed content words of a passage, for indexing."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def correct(word: str, vocabulary: frozenset[str] | set[str], choices: list[str]) -> str:
    """The closest known word for a misspelling, or the word itself."""
    if word in vocabulary or len(word) < 4 or word.isdigit():
        return word
    # Misspellings keep most of their letters: "recieve", "licsense", "pothoel".
    found = get_close_matches(word, choices, n=1, cutoff=0.8)
    return found[0] if found else word


def corrected(
    text: str, vocabulary: frozenset[str] | set[str], choices: list[str]
) -> tuple[list[str], bool]:
    """The question's words with misspellings put right, and whether any was.

    `vocabulary` holds every word to leave alone (the guidance's, the
    thesaurus's and, when the sentence model is installed, its own whole-word
    vocabulary, which stands in for an English dictionary: "tokyo" is a real
    word and must not become "took"). `choices` are the words a misspelling
    may become: only ones the guidance or the lexicon use.
    """
    known = vocabulary | SYNONYMS.keys()
    fixed = [w if w in STOPWORDS else correct(w, known, choices) for w in words(text)]
    return fixed, fixed != words(text)


def query_terms(
    text: str, vocabulary: frozenset[str] | set[str], choices: list[str]
) -> dict[str, float]:
    """Weighted search terms for a question: its own words count fully,
    words the thesaurus adds count less, so they break ties rather than lead."""
    return weighted_terms(corrected(text, vocabulary, choices)[0])


def weighted_terms(question_words: list[str]) -> dict[str, float]:
    """Search terms for words already corrected (see `query_terms`)."""
    weights: dict[str, float] = {}
    for word in question_words:
        if word in STOPWORDS:
            continue
        weights[stem(word)] = max(weights.get(stem(word), 0.0), 1.0)
        for extra in SYNONYMS.get(word, ()):
            key = stem(extra)
            weights[key] = max(weights.get(key, 0.0), 0.5)
    return weights
