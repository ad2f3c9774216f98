"""`townhall worker`: run background tasks for the configured backend, and the
notification sweeper beside them.

- database: django-tasks-db's worker (`db_worker`) on every queue;
- rq: an RQ worker with its scheduler (deferred retries) on the default queue;
- immediate: tasks already run in the request, so only the sweeper runs.

Scheduled work (core/schedule.py: the daily SLA flags, indexing case
documents, the retention list) is enqueued from the same loop. The sweeper
(services.notifications_sweep) runs every
TOWNHALL_NOTIFY_SWEEP_SECONDS in a thread: it hands messages whose worker died
mid-send back to the queue and enqueues retries that are due.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connections

from townhall.core.schedule import scheduled_tasks_enqueue
from townhall.notify.services import notifications_sweep

logger = logging.getLogger("townhall.notify.worker")


def sweep_once() -> None:
    try:
        enqueued = scheduled_tasks_enqueue()
    except Exception:
        logger.exception("scheduled tasks could not be enqueued; trying again at the next interval")
    else:
        if enqueued:
            logger.info("scheduled tasks enqueued: %s", ", ".join(enqueued))
    try:
        result = notifications_sweep()
    except Exception:
        # A locked database or a Redis hiccup must not stop the worker beside it.
        logger.exception("notification sweep failed; trying again at the next interval")
    else:
        if result.released or result.gave_up or result.enqueued:
            logger.info(
                "notification sweep: %d released, %d failed for good, %d enqueued",
                result.released,
                result.gave_up,
                result.enqueued,
            )
    finally:
        close_old_connections()


def sweep_forever(stop: threading.Event, interval: float) -> None:
    try:
        while not stop.wait(interval):
            sweep_once()
    finally:
        connections.close_all()


class Command(BaseCommand):
    help = "Run the background worker for TOWNHALL_TASKS_BACKEND, with the notification sweeper."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Sweep once, run every task that is queued now, then exit.",
        )
        parser.add_argument(
            "--sweep-seconds",
            type=float,
            default=None,
            help="Seconds between sweeps (default: TOWNHALL_NOTIFY_SWEEP_SECONDS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interval = options["sweep_seconds"] or float(settings.NOTIFY_SWEEP_SECONDS)
        if interval <= 0:
            raise CommandError(f"--sweep-seconds must be more than 0, not {interval}")
        backend = settings.TASKS_BACKEND
        burst = options["burst"]
        verbosity = options["verbosity"]
        sweep_once()
        if burst and backend == "immediate":
            return
        stop = threading.Event()
        if backend == "immediate":
            self.stdout.write(
                f"Tasks run in the request (immediate backend); sweeping every {interval:g} s."
            )
            with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how it stops
                sweep_forever(stop, interval)
            return
        sweeper = threading.Thread(
            target=sweep_forever, args=(stop, interval), name="notify-sweeper", daemon=True
        )
        if not burst:
            sweeper.start()
        try:
            if backend == "database":
                call_command(
                    "db_worker",
                    queue_name="*",
                    batch=burst,
                    reload=False,
                    startup_delay=False,
                    verbosity=verbosity,
                )
            elif backend == "rq":
                call_command(
                    "rqworker",
                    "default",
                    job_class="django_tasks_rq.Job",
                    with_scheduler=True,
                    burst=burst,
                    verbosity=verbosity,
                )
            else:  # pragma: no cover - settings only allow the three above
                raise CommandError(f"no worker for the {backend!r} tasks backend")
        finally:
            stop.set()
