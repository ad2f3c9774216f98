from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django_tasks import default_task_backend

from townhall.ledger import keys
from townhall.ledger.models import Checkpoint
from townhall.ledger.note import open_checkpoint
from townhall.ledger.services import ledger_append, ledger_checkpoint_publish

pytestmark = pytest.mark.django_db


def test_it_signs_a_checkpoint_of_the_current_tree(client: Any) -> None:
    ledger_append(kind="case.decision", subject="case:1", payload={})
    note = client.get("/ledger/checkpoint").content.decode()
    checkpoint = open_checkpoint(note, keys.verifier())
    assert (checkpoint.origin, checkpoint.size) == ("town.example/ledger", 1)
    lines = note.split("\n")
    assert lines[3] == ""
    assert lines[4].startswith("\u2014 town.example/ledger ")


def test_it_waits_for_the_interval_and_signs_nothing_new_while_nothing_changed(
    settings: Any,
) -> None:
    settings.LEDGER_CHECKPOINT_INTERVAL = 2
    first = ledger_checkpoint_publish()
    assert first is not None and first.size == 0
    ledger_append(kind="case.decision", subject="case:1", payload={})
    assert ledger_checkpoint_publish() == first  # too soon
    Checkpoint.objects.filter(pk=first.pk).update(
        created_at=first.created_at - timedelta(seconds=3)
    )
    second = ledger_checkpoint_publish()
    assert second is not None and second.size == 1
    Checkpoint.objects.filter(pk=second.pk).update(
        created_at=second.created_at - timedelta(seconds=3)
    )
    # Time has passed but the tree has not grown: no new checkpoint.
    assert ledger_checkpoint_publish() == second
    assert ledger_checkpoint_publish(force=True) == second
    assert list(Checkpoint.objects.values_list("size", flat=True)) == [0, 1]


def test_it_keeps_every_checkpoint(settings: Any) -> None:
    for n in range(5):
        ledger_append(kind="case.decision", subject=f"case:{n}", payload={})
        ledger_checkpoint_publish()
    assert list(Checkpoint.objects.values_list("size", flat=True)) == [1, 2, 3, 4, 5]


def test_the_command_publishes_on_demand(settings: Any) -> None:
    ledger_append(kind="case.decision", subject="case:1", payload={})
    out = StringIO()
    call_command("ledger", "checkpoint", "--force", stdout=out)
    assert out.getvalue().startswith("town.example/ledger\n1\n")


@pytest.mark.django_db(transaction=True)
def test_an_append_publishes_on_commit_or_defers_a_task(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.LEDGER_CHECKPOINT_INTERVAL = 0
    ledger_append(kind="case.decision", subject="case:1", payload={})
    # Committed with the interval passed: covered at once.
    assert list(Checkpoint.objects.values_list("size", flat=True)) == [1]

    settings.LEDGER_CHECKPOINT_INTERVAL = 60
    ledger_append(kind="case.decision", subject="case:2", payload={})
    assert list(Checkpoint.objects.values_list("size", flat=True)) == [1]
    (deferred,) = default_task_backend.results
    assert deferred.task.name == "checkpoint_publish"
    assert deferred.task.run_after is not None
    assert 59 < (deferred.task.run_after - Checkpoint.objects.get().created_at).total_seconds() < 61
