"""The twelve shipped services load, keep their public slugs, and are complete."""

from __future__ import annotations

import re

import pytest

from townhall.catalog.definition import SERVICES_DIR, Service, load_services

SLUGS = {
    "building-permit",
    "tax-return",
    "health-coverage",
    "business-license",
    "parking-permit",
    "birth-certificate",
    "report-a-problem",
    "bulky-waste",
    "housing-assistance",
    "event-permit",
    "pet-license",
    "records-request",
}


def test_the_catalogue_has_exactly_the_public_slugs() -> None:
    services = load_services()

    assert set(services) == SLUGS
    assert {path.stem for path in SERVICES_DIR.glob("*.yaml")} == SLUGS


@pytest.mark.parametrize("slug", sorted(SLUGS))
def test_each_service_is_complete(services: dict[str, Service], slug: str) -> None:
    service = services[slug]

    assert 3 <= len(service.pages) <= 6
    assert service.version >= 1 and service.sla_days >= 1
    assert service.assurance in ("low", "substantial", "high")
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", service.topic)
    for heading, body in service.guidance.sections():
        assert body.en.strip(), heading
    assert f"\nslug: {slug}\n" in f"\n{service.source}"


@pytest.mark.parametrize("slug", sorted(SLUGS))
def test_personal_answers_are_marked_sensitive(services: dict[str, Service], slug: str) -> None:
    service = services[slug]
    for question in service.questions():
        for asked in (question, *question.questions):
            a_person = not asked.id.startswith("pet_")  # a pet's birthday is not personal
            if asked.type == "national_id" or (a_person and asked.id.endswith("date_of_birth")):
                assert asked.sensitive, asked.id
            if "income" in asked.id and asked.type == "money":
                assert asked.sensitive, asked.id
    assert service.sensitive_answers() == {
        question.id
        for question in service.questions()
        if question.sensitive or any(inner.sensitive for inner in question.questions)
    }


@pytest.mark.parametrize("slug", sorted(SLUGS))
def test_guidance_is_written_in_short_sentences(services: dict[str, Service], slug: str) -> None:
    text = services[slug].guidance.as_markdown()
    text = re.sub(r"^#+ .*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"^- (.*)$", r"\1.", text, flags=re.MULTILINE)  # each bullet stands alone
    sentences = [s for s in re.split(r"[.!?:]\s+|\n\n", text) if s.strip()]
    lengths = [len(sentence.split()) for sentence in sentences]

    # A reading age of about 9: short sentences, none of them long.
    assert sum(lengths) / len(lengths) <= 12
    assert max(lengths) <= 20, max(sentences, key=lambda s: len(s.split()))


def test_the_deep_services_have_their_rules(services: dict[str, Service]) -> None:
    tax, permit, health = (
        services[s] for s in ("tax-return", "building-permit", "health-coverage")
    )

    assert {a.id for a in tax.amounts} == {"tax_to_pay", "refund"}
    assert tax.question("dependants").type == "repeat"
    assert tax.question("amends").show_if is not None
    assert {a.id for a in permit.amounts} == {"permit_fee"}
    assert {d.id for d in permit.documents} >= {"site_plan", "floor_plans", "heritage_statement"}
    assert permit.page_of("asbestos_survey").show_if is not None
    assert health.eligibility is not None
    outcomes = [rule.outcome for rule in health.eligibility.rules]
    assert outcomes + [health.eligibility.otherwise.outcome] == [
        "not_eligible",
        "likely_eligible",
        "eligible",
    ]
