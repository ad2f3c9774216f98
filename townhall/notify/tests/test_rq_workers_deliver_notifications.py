"""With TOWNHALL_TASKS_BACKEND=rq, messages go through Redis to RQ workers.

Runs only in that configuration (CI runs the notify tests a second time with
a real redis-server); otherwise it is skipped with the reason.
"""

import os

import pytest
from django.conf import settings
from django.core.management import call_command

from townhall.notify.models import Notification
from townhall.notify.services import notification_queue

pytestmark = pytest.mark.skipif(
    not (settings.TASKS_BACKEND == "rq" and os.environ.get("TOWNHALL_REDIS_URL")),
    reason="RQ path: set TOWNHALL_TASKS_BACKEND=rq and TOWNHALL_REDIS_URL to a running Redis",
)


@pytest.mark.django_db(transaction=True)
def test_a_forking_rq_worker_sends_the_email(resident, inbox):
    import django_rq

    notification_queue(
        event="application_received",
        key="application_received:RIV-2026-000099",
        recipient=resident,
        context={"reference": "RIV-2026-000099", "service_title": "Licence"},
    )
    # Committed (no surrounding transaction), so the job is in Redis now.
    assert django_rq.get_queue("default").count == 1
    email = Notification.objects.get(channel="email")
    assert email.status == "queued"

    # The command an operator runs, in burst mode: RQ forks a work horse per job.
    call_command("worker", burst=True, verbosity=0)

    [message] = inbox.wait_for(1)
    assert "RIV-2026-000099" in message["Subject"]
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 1)
    assert django_rq.get_queue("default").count == 0
