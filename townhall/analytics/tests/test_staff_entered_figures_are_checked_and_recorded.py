from datetime import date

import pytest

from townhall.analytics.models import OfflineTransactions, ServiceCost
from townhall.analytics.services import (
    FigureRejected,
    offline_transactions_set,
    service_cost_set,
)
from townhall.ledger import selectors as ledger


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "0 or more"),
        ("lots", "as an amount"),
        ("NaN", "as an amount"),
        ("1e400", "too large"),
    ],
)
def test_a_bad_running_cost_is_refused_and_nothing_is_saved(db, amount, message):
    before = ledger.log_size()
    with pytest.raises(FigureRejected, match=message):
        service_cost_set(service_slug="tax-return", month=date(2026, 3, 1), amount=amount)
    assert not ServiceCost.objects.exists()
    assert ledger.log_size() == before


@pytest.mark.parametrize("count", [-1, 2.5, True, "3"])
def test_a_bad_count_is_refused(db, count):
    with pytest.raises(FigureRejected):
        offline_transactions_set(service_slug="tax-return", month=date(2026, 3, 1), count=count)
    assert not OfflineTransactions.objects.exists()


def test_figures_are_kept_per_month_and_each_change_goes_in_the_ledger(db, manager):
    before = ledger.log_size()
    offline_transactions_set(
        service_slug="tax-return", month=date(2026, 3, 17), count=40, actor=manager
    )
    offline_transactions_set(service_slug="tax-return", month=date(2026, 3, 2), count=42)
    service_cost_set(service_slug="tax-return", month=date(2026, 3, 5), amount="1250.5")
    [row] = OfflineTransactions.objects.all()
    assert (row.month, row.count) == (date(2026, 3, 1), 42)
    assert str(ServiceCost.objects.get().amount) == "1250.50"
    assert ledger.log_size() == before + 3
