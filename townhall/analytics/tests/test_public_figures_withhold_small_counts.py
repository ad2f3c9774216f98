from datetime import date
from decimal import Decimal

from townhall.analytics.kpis import PeriodFigures, suppress_small


def figures(**changes):
    base = dict(
        start=date(2026, 3, 1), started=40, completed=30, completion_rate=0.75,
        responses=12, satisfied=9, satisfaction=0.75, digital=25, offline=5,
        digital_take_up=25 / 30, cost=Decimal("600"), cost_per_transaction=Decimal("20.00"),
        decided=11, median_days=4.0, p90_days=9.0, within_sla=10, sla_compliance=10 / 11,
        backlog=14,
    )  # fmt: skip
    return PeriodFigures(**(base | changes))


def test_figures_on_enough_people_are_shown_whole():
    shown = suppress_small(figures(), 9)
    assert shown == figures()
    assert not shown.suppressed


def test_a_rate_on_fewer_people_than_the_threshold_is_withheld():
    shown = suppress_small(figures(responses=9, satisfied=7, satisfaction=7 / 9), 10)
    assert shown.suppressed
    assert shown.satisfaction is None
    assert shown.responses is None and shown.satisfied is None
    assert shown.completion_rate == 0.75  # 40 started: enough


def test_processing_times_on_few_decisions_are_withheld():
    shown = suppress_small(figures(decided=3, within_sla=3), 10)
    assert (shown.median_days, shown.p90_days, shown.sla_compliance) == (None, None, None)
    assert shown.decided is None
    assert shown.backlog == 14


def test_cost_per_transaction_needs_enough_transactions():
    shown = suppress_small(figures(digital=4, offline=5), 10)
    assert shown.cost_per_transaction is None and shown.digital_take_up is None
