"""The knapsack ballot's running total is drawn by the server: "Update total"
re-renders the page with the sum, what is left and an over-budget warning."""

import pytest

from townhall.engagement.models import Ballot
from townhall.engagement.tests.helpers import district, make_process, project_ids, verify

pytestmark = pytest.mark.django_db


def test_update_total_sums_the_ticked_projects(resident, signed_in):
    process = make_process()
    north = district(process, "north")
    verify(resident, north)
    ids = project_ids(north)  # costs 40,000 30,000 20,000 10,000; budget 60,000
    client = signed_in(resident)
    url = f"/participate/{process.slug}/districts/north/vote/"
    page = client.post(url, {"project": [ids[1], ids[3]], "action": "update"}).content.decode()
    assert "40,000 USD" in page  # 30,000 + 10,000
    assert "Left in the budget: 20,000 USD" in page
    assert f'value="{ids[1]}" data-cost="30000" checked' in page
    over = client.post(url, {"project": [ids[0], ids[1]], "action": "update"}).content.decode()
    assert "Over the budget by 10,000 USD" in over
    assert not Ballot.objects.exists()


def test_casting_an_over_budget_ballot_is_refused_with_the_reason(resident, signed_in):
    process = make_process()
    north = district(process, "north")
    verify(resident, north)
    ids = project_ids(north)
    client = signed_in(resident)
    response = client.post(
        f"/participate/{process.slug}/districts/north/vote/",
        {"project": [ids[0], ids[1]], "action": "cast"},
    )
    assert response.status_code == 400
    assert "cost 70,000 together, more than the budget of 60,000" in response.content.decode()
    assert not Ballot.objects.exists()
