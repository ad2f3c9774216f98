"""Real components for the notification tests: an SMTP server on loopback
(aiosmtpd) and, when TOWNHALL_TASKS_BACKEND=rq, RQ on a real Redis server."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from email.message import Message as EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.conf import settings as django_settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[EmailMessage] = []
        self.changed = threading.Condition()

    def handle_message(self, message: EmailMessage) -> None:
        with self.changed:
            self.messages.append(message)
            self.changed.notify_all()

    def wait_for(self, count: int, timeout: float = 10) -> list[EmailMessage]:
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.messages) >= count, timeout), (
                f"expected {count} message(s), got {len(self.messages)}"
            )
            return list(self.messages)


@pytest.fixture
def inbox(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server on 127.0.0.1, with Django's SMTP backend pointed at it."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_TIMEOUT = 5
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def closed_smtp_port(settings: Any) -> int:
    """Django's SMTP backend pointed at a loopback port where nothing listens."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 5
    return port


def uses_rq() -> bool:
    return django_settings.TASKS_BACKEND == "rq"


@pytest.fixture(autouse=True)
def rq_queue_of_this_process(settings: Any) -> Iterator[None]:
    """Under RQ, each test process gets its own Redis database, emptied per test.

    Parallel test processes have separate SQLite files: a job taken by the
    wrong process would find no notification and never be sent.
    """
    if not uses_rq():
        yield
        return
    import django_rq

    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = 1 + int(worker.removeprefix("gw") or 0) % 15
    base = django_settings.REDIS_URL.rsplit("/", 1)[0]
    settings.RQ_QUEUES = {"default": {"URL": f"{base}/{index}", "DEFAULT_TIMEOUT": 60}}
    django_rq.get_connection("default").flushdb()
    yield


@pytest.fixture
def run_tasks() -> Callable[[], None]:
    """Run the tasks that are queued now, whatever the backend.

    The immediate backend already ran them; under RQ an in-process worker in
    burst mode takes them from Redis (in-process, so it shares the test's
    transaction; test_rq_workers_deliver_notifications uses forking workers).
    """

    def run() -> None:
        if uses_rq():
            from django_rq.workers import get_worker

            get_worker(
                "default", job_class="django_tasks_rq.Job", worker_class="rq.worker.SimpleWorker"
            ).work(burst=True)

    return run
