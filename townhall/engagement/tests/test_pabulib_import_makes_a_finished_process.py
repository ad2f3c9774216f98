"""`pb_process_import` turns a real past election into a finished process
whose computed result is the city's own, and `pb_process_export` gives the
same election back."""

import pytest

from conftest import shared_data
from townhall.engagement.models import Ballot, Phase, Project, Result
from townhall.engagement.pb.pabulib import read_pb, read_pb_file, write_pb
from townhall.engagement.services_pb import (
    PbProcessNotFound,
    pb_process_export,
    pb_process_import,
)

pytestmark = pytest.mark.django_db


def test_assen_2024_is_imported_with_its_real_result():
    instance = read_pb_file(shared_data("pb", "Netherlands_Assen_2024.pb"))
    process = pb_process_import(instance=instance, name="Assen 2024")
    assert process.phase == Phase.RESULTS
    assert process.rule == "mes-add1"
    district = process.districts.get()
    assert district.budget == 100000
    assert Ballot.objects.filter(district=district).count() == len(instance.ballots)
    result = Result.objects.get(district=district)
    funded = set(
        Project.objects.filter(pk__in=[int(pk) for pk in result.selected]).values_list(
            "pabulib_id", flat=True
        )
    )
    assert funded == {pid for pid, p in instance.projects.items() if p.selected}


def test_the_export_gives_back_the_same_election():
    instance = read_pb_file(shared_data("pb", "Netherlands_Assen_2024.pb"))
    process = pb_process_import(instance=instance, name="Assen 2024")
    exported = read_pb(write_pb(pb_process_export(process_id=process.pk, district=None)))
    assert set(exported.projects) == set(instance.projects)
    assert {p.cost for p in exported.projects.values()} == {
        p.cost for p in instance.projects.values()
    }
    assert sorted(sorted(b.approvals) for b in exported.ballots) == sorted(
        sorted(b.approvals) for b in instance.ballots
    )
    assert {pid for pid, p in exported.projects.items() if p.selected} == {
        pid for pid, p in instance.projects.items() if p.selected
    }


def test_exporting_an_unknown_process_or_district_says_what_there_is():
    instance = read_pb_file(shared_data("pb", "Netherlands_Assen_2024.pb"))
    process = pb_process_import(instance=instance, name="Assen 2024")
    with pytest.raises(PbProcessNotFound, match="no budgeting process with id 999"):
        pb_process_export(process_id=999, district=None)
    with pytest.raises(PbProcessNotFound, match="districts: assen"):
        pb_process_export(process_id=process.pk, district="nowhere")
