"""Background publishing of checkpoints.

Checkpoints are published in three ways, so that one covering an entry appears
within LEDGER_CHECKPOINT_INTERVAL seconds of its commit however Townhall runs:

1. right after an append commits, if the last checkpoint is old enough;
2. otherwise by this task, deferred to when the interval ends, on task
   backends that can defer (the database backend with a worker);
3. and lazily whenever /ledger/checkpoint or a receipt is read, plus
   `townhall ledger checkpoint --watch` for installations with neither.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

_lock = threading.Lock()
_scheduled_for: datetime | None = None


@task()
def checkpoint_publish() -> int | None:
    from townhall.ledger.services import ledger_checkpoint_publish

    checkpoint = ledger_checkpoint_publish()
    return None if checkpoint is None else checkpoint.size


def checkpoint_publish_later(*, after: datetime | None) -> None:
    """Enqueue a deferred publish for when the interval after `after` ends (once per moment)."""
    global _scheduled_for
    if not checkpoint_publish.get_backend().supports_defer:
        return
    run_after = (after or timezone.now()) + timedelta(
        seconds=settings.LEDGER_CHECKPOINT_INTERVAL + 0.1
    )
    with _lock:
        if _scheduled_for is not None and _scheduled_for >= run_after:
            return
        _scheduled_for = run_after
    checkpoint_publish.using(run_after=run_after).enqueue()
