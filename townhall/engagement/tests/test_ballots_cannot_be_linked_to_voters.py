"""Ballot secrecy is a property of the schema: a ballot has no column that
names a person, the roll or a time, and its key is random."""

import uuid

import pytest
from django.db import models

from conftest import make_user
from townhall.engagement.models import Ballot, VoterRollEntry
from townhall.engagement.services import ballot_cast, receipt_hash
from townhall.engagement.tests.helpers import district, make_process, project_ids, verify

VOTERS = 30


def test_a_ballot_has_no_link_to_a_person_the_roll_or_a_time():
    for field in Ballot._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related is None or related._meta.label == "engagement.District", field.name
        assert not isinstance(field, (models.DateTimeField, models.DateField, models.TimeField))
    columns = {f.column for f in Ballot._meta.concrete_fields}
    assert columns == {"id", "district_id", "content", "receipt_hash"}


def test_nothing_on_the_roll_points_at_a_ballot():
    for field in VoterRollEntry._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related is not Ballot, field.name


@pytest.mark.django_db
def test_ballots_are_stored_under_random_keys():
    north = district(make_process(), "north")
    ids = project_ids(north)
    cast_order = []
    for n in range(VOTERS):
        voter = make_user(f"voter{n}@example.org")
        verify(voter, north)
        code = ballot_cast(user=voter, district=north, choices=[ids[n % len(ids)]])
        cast_order.append(code)
    keys = list(Ballot.objects.values_list("pk", flat=True))
    assert all(isinstance(key, uuid.UUID) and key.version == 4 for key in keys)
    # In key order the ballots are not in the order they were cast.
    by_key = list(Ballot.objects.order_by("pk").values_list("receipt_hash", flat=True))
    assert by_key != [receipt_hash(code) for code in cast_order]
