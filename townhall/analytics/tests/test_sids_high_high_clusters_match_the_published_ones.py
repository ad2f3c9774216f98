import json

from django.core.management import call_command

from townhall.analytics.tests.sids import sids_geojson


def test_the_command_finds_the_known_sids_clusters(tmp_path, capsys):
    areas = sids_geojson(tmp_path / "sids2.geojson")

    call_command(
        "analytics", "hotspots", "--areas", str(areas), "--id", "NAME",
        "--cases", "SID79", "--population", "BIR79", "--seed", "12345", "--json",
    )  # fmt: skip

    result = json.loads(capsys.readouterr().out)
    assert result["method"]["seed"] == 12345
    assert result["method"]["permutations"] == 999
    by_name = {area["id"]: area for area in result["areas"]}
    assert len(by_name) == 100
    high_high = {name for name, area in by_name.items() if area["lisa_cluster"] == "HH"}
    assert {"Burke", "Cleveland", "Hoke", "Richmond", "Robeson"} <= high_high
    robeson = by_name["Robeson"]
    assert robeson["rate"] == robeson["cases"] / robeson["population"]
    # Smoothing pulls every rate towards the state's, never past it.
    overall = sum(a["cases"] for a in by_name.values()) / sum(
        a["population"] for a in by_name.values()
    )
    for area in by_name.values():
        low, high = sorted((area["rate"], overall))
        assert low - 1e-12 <= area["smoothed_rate"] <= high + 1e-12
    assert robeson["gi_z"] > 1.96 and robeson["gi_cluster"] == "hot"
    assert 0 < result["moran"]["p"] < 0.05


def test_the_same_seed_gives_the_same_p_values(tmp_path, capsys):
    areas = sids_geojson(tmp_path / "sids2.geojson")
    args = ["analytics", "hotspots", "--areas", str(areas), "--id", "NAME"]
    args += ["--cases", "SID79", "--population", "BIR79", "--seed", "7", "--json"]
    call_command(*args, "--permutations", "99")
    first = json.loads(capsys.readouterr().out)
    call_command(*args, "--permutations", "99")
    second = json.loads(capsys.readouterr().out)
    assert first == second
