"""Empirical Bayes rates: esda's figures, except when areas differ less than chance."""

import numpy as np
import pytest
from esda.smoothing import Empirical_Bayes

from townhall.analytics.hotspots import empirical_bayes, hotspots_compute
from townhall.analytics.tests.test_age_standardised_rates_match_hand_checked_figures import (
    boundaries,
    load,
)


def test_a_smoothed_rate_matches_a_hand_computed_one_and_esda():
    cases, population = np.array([10.0, 20.0, 60.0]), np.array([1000.0, 1000.0, 2000.0])
    # Overall 90 / 4000 = 0.0225. Spread: (1000 × 0.0125² + 1000 × 0.0025² + 2000 × 0.0075²)
    # / 4000 = 6.875e-5, less 0.0225 / 1333.3 = 1.6875e-5: 5.1875e-5 between areas.
    # Area 1's weight 5.1875e-5 / (5.1875e-5 + 0.0225 / 1000) = 0.697479, so its rate
    # 0.697479 × 0.01 + 0.302521 × 0.0225 = 0.0137815.
    smoothed = empirical_bayes(cases, population)
    assert smoothed[0] == pytest.approx(0.0137815, abs=1e-7)
    assert smoothed == pytest.approx(np.ravel(Empirical_Bayes(cases, population).r))


def test_rates_closer_than_chance_are_all_the_overall_rate():
    # 11.3, 12 and 12.7 per 1,000 among thousands of people: the spread is less than
    # chance alone gives. esda's weight then leaves [0, 1] and moves the rates away.
    cases, population = np.array([34.0, 36.0, 38.0]), np.array([3000.0, 3000.0, 3000.0])
    assert np.ptp(np.ravel(Empirical_Bayes(cases, population).r)) > np.ptp(cases / population)
    assert empirical_bayes(cases, population) == pytest.approx([0.012] * 3)


def test_with_no_difference_to_explain_no_clusters_are_looked_for():
    rows = [
        {"area": a, "cases": c, "pop": "3000"}
        for a, c in zip("ABC", ("34", "36", "38"), strict=True)
    ]
    areas = load(rows)
    assert len(boundaries("ABC")["features"]) == len(areas)
    with pytest.raises(ValueError, match="no clusters to look for"):
        hotspots_compute(areas, permutations=9, seed=1)
