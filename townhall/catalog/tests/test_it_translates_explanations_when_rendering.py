"""Explanation lines and outcomes keep their template and values, so the Django
layer can translate the words and still show this household's numbers."""

from __future__ import annotations

from townhall.catalog.definition import Service, assess
from townhall.catalog.tests.helpers import TODAY, answers_for
from townhall.catalog.text import Text

FRENCH = {
    "{rate:percent} on the {portion:money} between {lower:money} and {upper:money}": (
        "{rate:percent} sur les {portion:money} entre {lower:money} et {upper:money}"
    ),
    "Taxable income": "Revenu imposable",
}


def french(text: Text) -> str:
    return FRENCH.get(text.en, text.get("fr"))


def test_a_band_line_renders_in_french(tax: Service) -> None:
    answers = answers_for(tax, employment_income="30000", filing_status="single")

    lines = assess(tax, answers, today=TODAY).amounts[0].lines
    rendered = [line.render(text=french) for line in lines]

    assert "Revenu imposable" in rendered
    assert any(
        line.startswith("3% sur les ") and line.endswith(" entre 10,000.00 et 40,000.00")
        for line in rendered
    ), rendered


def test_a_reason_keeps_the_values_it_quotes(health: Service) -> None:
    result = assess(health, answers_for(health, monthly_income="100"), today=TODAY)

    assert result.eligibility is not None
    assert result.eligibility.params["household_size"] == 2
    assert str(result.eligibility.params["monthly_income"]) == "100.00"
