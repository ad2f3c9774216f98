"""Background work of the assistant, enqueued by the worker's timer (core/schedule.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def conversations_purge() -> int:
    """Delete the conversations older than TOWNHALL_ASSISTANT_RETENTION_DAYS."""
    from townhall.assistant.services import conversations_expired_delete

    return conversations_expired_delete()
