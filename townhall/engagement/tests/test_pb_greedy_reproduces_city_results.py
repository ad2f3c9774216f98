"""`greedy` funds what the city funded, in the variant its file names."""

import pytest

from conftest import shared_data
from townhall.engagement.pb.pabulib import read_pb_file
from townhall.engagement.pb.rules import outcome

# Every shared file whose META rule is a greedy variant and which has a selected column.
FILES = [
    "Poland_Gdynia_2024_Wielki_Kack__small.pb",  # greedy-no-skip with a score threshold
    "Poland_Katowice_2023.pb",  # greedy-threshold, cumulative
    "Poland_Katowice_2024_Zaleze.pb",
    "Poland_Katowice_2025_Piotrowice_-_Ochojec.pb",
    "Poland_Krakow_2020_Biezanow-Prokocim.pb",  # ordinal
    "Poland_Warszawa_2019_Okecie.pb",
    "Poland_Warszawa_2023_Mokotow.pb",
    "Poland_Warszawa_2023_Wesola.pb",
]


@pytest.mark.parametrize("name", FILES)
def test_greedy_funds_what_the_city_funded(name):
    instance = read_pb_file(shared_data("pb", name))
    assert instance.meta["rule"] in ("greedy", "greedy-threshold", "greedy-no-skip")
    funded = {p.id for p in instance.projects.values() if p.selected}
    result = outcome(instance, "greedy")
    assert set(result.selected) == funded
    assert result.cost == sum(instance.projects[p].cost for p in funded)
    assert result.note == ""


def test_greedy_custom_falls_back_to_plain_greedy_and_says_so():
    instance = read_pb_file(
        shared_data(
            "pb",
            "Poland_Poznan_2025_11_-_Fabianowo-Kotowo_Gorczyn_Junikowo_Kwiatowe_Lawica__small.pb",
        )
    )
    result = outcome(instance, "greedy")
    assert result.note == "greedy-custom falls back to plain greedy"
    assert set(result.selected) == {p.id for p in instance.projects.values() if p.selected}
