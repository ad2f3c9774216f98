"""Background work for records, for the daily run and the task worker."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def case_documents_index() -> int:
    """Make newly sent case documents searchable; how many were added."""
    from townhall.records.services import records_case_documents_index

    return records_case_documents_index()


@task()
def records_due_list() -> list[str]:
    """The records whose retention has ended, for a manager to approve on the
    retention page. Nothing is destroyed without that approval."""
    from townhall.records.selectors import records_due_for_destruction

    due = records_due_for_destruction()
    if due:
        logger.info("%d records are due for destruction", len(due))
    return [record.uid.hex for record in due]
