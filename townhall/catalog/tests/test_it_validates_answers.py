"""Answers are checked for type, presence, options and limits, with GOV.UK wording."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from townhall.catalog.definition import Service, check_answers, validate_answers
from townhall.catalog.tests.helpers import TODAY, answers_for


@pytest.mark.parametrize(
    ("slug", "changes", "field", "message"),
    [
        ("tax-return", {"date_of_birth": None}, "date_of_birth", "Enter your date of birth"),
        (
            "tax-return",
            {"date_of_birth": "2030-01-01"},
            "date_of_birth",
            "Your date of birth must be in the past",
        ),
        (
            "tax-return",
            {"date_of_birth": "2001-02-30"},
            "date_of_birth",
            "Your date of birth must be a real date",
        ),
        (
            "tax-return",
            {"date_of_birth": {"day": "4", "month": "", "year": "1990"}},
            "date_of_birth",
            "Your date of birth must include a month",
        ),
        ("tax-return", {"tax_year": "1999"}, "tax_year", "Select the tax year"),
        (
            "tax-return",
            {"is_amendment": None},
            "is_amendment",
            "Select yes if you are changing a return you already sent",
        ),
        (
            "tax-return",
            {"is_amendment": True, "amends": "2025-1"},
            "amends",
            "Enter the reference in the correct format, like RTX-2025-004211",
        ),
        (
            "tax-return",
            {"employment_income": "lots"},
            "employment_income",
            "Your pay from work must be an amount of money, like 600 or 193.54",
        ),
        (
            "tax-return",
            {"employment_income": "12.345"},
            "employment_income",
            "Your pay from work must be an amount of money, like 600 or 193.54",
        ),
        (
            "tax-return",
            {"employment_income": "-5"},
            "employment_income",
            "Your pay from work must be 0.00 or more",
        ),
        (
            "tax-return",
            {"email": "rosa.example.com"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            "tax-return",
            {"national_id": "12345"},
            "national_id",
            "Enter a national ID number in the correct format, like 123 456 789",
        ),
        (
            "tax-return",
            {"has_dependants": True, "dependants": []},
            "dependants",
            "Add at least one person who depends on you",
        ),
        (
            "tax-return",
            {
                "has_dependants": True,
                "dependants": [{"dependant_name": "Sam", "dependant_relationship": "child"}],
            },
            "dependants.0.dependant_date_of_birth",
            "Enter their date of birth",
        ),
        ("building-permit", {"floor_area": "big"}, "floor_area", "The floor area must be a number"),
        (
            "building-permit",
            {"floor_area": "12.25"},
            "floor_area",
            "The floor area must have no more than 1 decimal place",
        ),
        ("building-permit", {"floor_area": "0"}, "floor_area", "The floor area must be 1 or more"),
        (
            "building-permit",
            {"floor_area": "100001"},
            "floor_area",
            "The floor area must be 100,000 or less",
        ),
        ("building-permit", {"project_type": None}, "project_type", "Select the kind of project"),
        (
            "building-permit",
            {"site_address": {"line_1": "", "town": "Riverside", "postcode": "RV1 2AB"}},
            "site_address.line_1",
            "Enter address line 1, typically the building and street",
        ),
        (
            "building-permit",
            {"site_address": {"line_1": "1 Mill Lane", "town": "Riverside", "postcode": "!!"}},
            "site_address.postcode",
            "Enter a real postcode",
        ),
        ("building-permit", {"site_plan": None}, "site_plan", "Upload the site plan"),
        (
            "building-permit",
            {"site_plan": [{"name": "plan.gif", "content_type": "image/gif", "size": 10}]},
            "site_plan",
            "The site plan must be a PDF, JPG or PNG",
        ),
        (
            "building-permit",
            {"floor_plans": [{"name": "p.pdf", "content_type": "application/pdf", "size": 10**9}]},
            "floor_plans",
            "The floor plans must be smaller than 20 MB",
        ),
        (
            "building-permit",
            {"floor_plans": [{"name": "p.pdf", "content_type": "application/pdf", "size": 1}] * 6},
            "floor_plans",
            "Upload no more than 5 files for the floor plans",
        ),
        (
            "health-coverage",
            {"income_sources": []},
            "income_sources",
            "Select where the money comes from",
        ),
        (
            "health-coverage",
            {"income_sources": ["work", "lottery"]},
            "income_sources",
            "Select where the money comes from",
        ),
        (
            "birth-certificate",
            {"copies": "2.5"},
            "copies",
            "The number of copies must be a whole number",
        ),
        (
            "bulky-waste",
            {"phone": "call me"},
            "phone",
            "Enter a phone number in the correct format, like 555 010 0199",
        ),
    ],
)
def test_it_rejects_an_answer_with_a_clear_message(
    services: dict[str, Service], slug: str, changes: dict[str, Any], field: str, message: str
) -> None:
    errors = validate_answers(services[slug], answers_for(services[slug], **changes), today=TODAY)

    assert errors.get(field) == message, errors


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        ({"employment_income": "42,000.5"}, "employment_income", Decimal("42000.50")),
        ({"employment_income": "$1,250"}, "employment_income", Decimal("1250.00")),
        ({"employment_income": 300}, "employment_income", Decimal("300.00")),
        (
            {"date_of_birth": {"day": "4", "month": "07", "year": "1990"}},
            "date_of_birth",
            date(1990, 7, 4),
        ),
        ({"date_of_birth": "1990-07-04"}, "date_of_birth", date(1990, 7, 4)),
        ({"is_amendment": "no"}, "is_amendment", False),
        ({"national_id": "123 456-789"}, "national_id", "123456789"),
        ({"full_name": "  Alex Rivera "}, "full_name", "Alex Rivera"),
    ],
)
def test_it_accepts_answers_as_residents_type_them(
    tax: Service, changes: dict[str, Any], field: str, value: object
) -> None:
    checked = check_answers(tax, answers_for(tax, **changes), today=TODAY)

    assert checked.errors == {}
    assert checked.values[field] == value


def test_it_normalises_postcodes_and_keeps_the_address(permit: Service) -> None:
    address = {"line_1": "14 Mill Lane", "line_2": " ", "town": "Riverside", "postcode": "rv2  4ht"}

    checked = check_answers(permit, answers_for(permit, site_address=address), today=TODAY)

    assert checked.values["site_address"] == {
        "line_1": "14 Mill Lane",
        "town": "Riverside",
        "postcode": "RV2 4HT",
    }


def test_optional_questions_may_be_left_blank(permit: Service) -> None:
    answers = answers_for(permit, applicant_phone="", start_date=None)

    checked = check_answers(permit, answers, today=TODAY)

    assert checked.errors == {}
    assert "applicant_phone" not in checked.values
    assert "start_date" not in checked.values


def test_messages_carry_their_template_for_translation(tax: Service) -> None:
    errors = check_answers(tax, answers_for(tax, date_of_birth="2030-01-01"), today=TODAY).errors
    message = errors["date_of_birth"]

    spanish = {
        "{noun:sentence} must be in the past": "{noun:sentence} debe estar en el pasado",
        "your date of birth": "su fecha de nacimiento",
    }

    assert message.template.en == "{noun:sentence} must be in the past"
    assert message.render(text=lambda text: spanish.get(text.en, text.en)) == (
        "Su fecha de nacimiento debe estar en el pasado"
    )
