"""Background tasks. Sending happens here, never in the request (unless the
immediate backend is configured, when the task runs right after the commit)."""

from __future__ import annotations

from django_tasks import task


@task()
def notification_send(notification_id: int) -> str:
    from townhall.notify.services import notification_deliver

    return notification_deliver(notification_id=notification_id)


@task()
def notifications_sweep() -> dict[str, int]:
    from townhall.notify.services import notifications_sweep as sweep

    result = sweep()
    return {"released": result.released, "gave_up": result.gave_up, "enqueued": result.enqueued}
