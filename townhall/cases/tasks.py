"""Background work of the back office.

django-tasks runs tasks but does not schedule them: `sla_flags_daily` is
enqueued once a day by whatever runs the installation's timers (cron, a
systemd timer, or `townhall sla_check` run directly, which does the same work
in the foreground).
"""

from __future__ import annotations

from django_tasks import task


@task()
def sla_flags_daily() -> dict[str, int]:
    # Imported here: the task module is loaded by workers before apps are ready.
    from townhall.cases.services_sla import sla_flags_update

    return sla_flags_update()
