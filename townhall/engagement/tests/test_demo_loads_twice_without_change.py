"""The demo: a finished process imported from Assen 2024 (when ../shared is
there) and one Riverside process open for voting; loading twice adds nothing."""

import pytest

from conftest import make_user, shared_data
from townhall.engagement import demo
from townhall.engagement.models import Ballot, DistrictResident, PBProcess, Phase, Result

pytestmark = pytest.mark.django_db


def test_the_demo_is_idempotent(settings):
    shared_data("pb", "Netherlands_Assen_2024.pb")
    resident = make_user(f"resident@{settings.DEMO_EMAIL_DOMAIN}")
    demo.load()
    counts = (PBProcess.objects.count(), Ballot.objects.count(), Result.objects.count())
    demo.load()
    assert (PBProcess.objects.count(), Ballot.objects.count(), Result.objects.count()) == counts
    assert PBProcess.objects.filter(phase=Phase.RESULTS).count() == 1
    open_process = PBProcess.objects.get(phase=Phase.VOTING)
    assert open_process.districts.count() == 2
    assert open_process.districts.get(slug="north-bank").projects.count() == 4
    assert DistrictResident.objects.get(user=resident).district.slug == "north-bank"
