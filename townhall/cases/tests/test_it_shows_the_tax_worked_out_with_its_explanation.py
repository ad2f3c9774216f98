"""A tax return: the amount is worked out from the answers and shown on the
check page with every line of "Why this amount?", in a details element that
works without JavaScript."""

from __future__ import annotations

import re
from datetime import date

import pytest

from townhall.cases.tests.helpers import (
    answers_for,
    reference_of,
    service,
    submit,
    walk_to_check,
)
from townhall.catalog.definition import assess

pytestmark = pytest.mark.django_db


def test_it_shows_the_tax_worked_out_with_its_explanation(client, catalogue, resident, signed_in):
    signed_in(resident)
    answers = answers_for("tax-return")
    check_url = walk_to_check(client, "tax-return", answers)
    html = client.get(check_url).content.decode()

    expected = assess(service("tax-return"), answers, today=date.today())
    (amount,) = expected.amounts
    shown = f"${amount.value:,.2f}"
    details = re.search(r'<details class="govuk-details">(.*?)</details>', html, re.S)
    assert details, html
    assert "Why this amount?" in details[1]
    # Every explanation line, in order, and the total last.
    lines = re.findall(r"<li>(.*?)</li>", details[1])
    assert len(lines) == len(amount.lines)
    assert lines[-1].endswith(shown)
    assert any(line.startswith("Taxable income") for line in lines)
    assert any("%" in line for line in lines), lines  # the tax bands
    assert shown in html

    response = submit(client, check_url)
    assert response.status_code == 302
    confirmation = client.get(response["Location"]).content.decode()
    assert reference_of(check_url) in confirmation
