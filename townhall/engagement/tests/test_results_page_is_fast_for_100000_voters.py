"""The results page of a 100,000-voter district renders in under 2 s, because
it reads the stored result and never touches the ballots."""

import hashlib
import os
import random
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townhall.engagement.models import Ballot, Phase, Project, ProjectStatus
from townhall.engagement.services_results import results_compute
from townhall.engagement.tests.helpers import district, make_process

pytestmark = pytest.mark.django_db

VOTERS = 100_000


def test_the_results_page_reads_the_stored_result(client):
    process = make_process(rule="mes-add1")
    north = district(process, "north")
    rng = random.Random(6)
    for n in range(16):
        Project.objects.create(
            district=north,
            title=f"Idea {n}",
            cost=rng.randint(1000, 30000),
            status=ProjectStatus.ELIGIBLE,
        )
    ids = [str(pk) for pk in north.projects.values_list("pk", flat=True)]
    Ballot.objects.bulk_create(
        (
            Ballot(
                district=north,
                content={"approvals": sorted(rng.sample(ids, rng.randint(1, 5)), key=int)},
                receipt_hash=hashlib.sha256(os.urandom(16)).hexdigest(),
            )
            for _ in range(VOTERS)
        ),
        batch_size=5000,
    )
    process.phase = Phase.RESULTS
    process.save()
    results_compute(district=north)
    url = f"/participate/{process.slug}/districts/north/results/"
    client.get(url)  # templates compiled once, as on a running server
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert "100,000" in response.content.decode()
    assert elapsed < 2.0, f"results page took {elapsed:.2f} s"
    assert not [q["sql"] for q in queries if "engagement_ballot" in q["sql"]]
    assert not [q["sql"] for q in queries if "published_pb" in q["sql"]]
