from datetime import date

import pytest

from townhall.analytics.models import OfflineTransactions, ServiceCost
from townhall.analytics.tests.test_performance_pages_show_figures_and_withhold_small_counts import (
    sign_in,
)

URL = "/staff/analytics/tax-return/figures/"


def test_a_manager_enters_a_month_and_sees_it_used(client, catalogue, manager):
    sign_in(client, manager)
    response = client.post(URL, {"month": "2026-03", "offline": "40", "cost": "1250.50"})
    assert response.status_code == 302
    assert OfflineTransactions.objects.get().month == date(2026, 3, 1)
    assert str(ServiceCost.objects.get().amount) == "1250.50"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"month": "March", "offline": "4"}, "like 2026-03"),
        ({"month": "2026-13", "offline": "4"}, "like 2026-03"),
        ({"month": "2026-03"}, "the running cost, or both"),
        ({"month": "2026-03", "offline": "-2"}, "0 or more"),
        ({"month": "2026-03", "offline": "4", "cost": "-1"}, "0 or more"),
        ({"month": "2026-03", "offline": "4", "cost": "a lot"}, "as an amount"),
    ],
)
def test_bad_figures_are_explained_and_nothing_is_saved(client, catalogue, manager, data, message):
    sign_in(client, manager)
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert not OfflineTransactions.objects.exists()
    assert not ServiceCost.objects.exists()


def test_caseworkers_cannot_enter_figures(client, catalogue, caseworker):
    sign_in(client, caseworker)
    assert client.post(URL, {"month": "2026-03", "offline": "4"}).status_code == 403
    assert not OfflineTransactions.objects.exists()
