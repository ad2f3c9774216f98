"""The author of a budgeting idea is told, in their messages, when a moderator
hides it or staff review it, with the reason."""

from __future__ import annotations

import pytest

from townhall.engagement.models import Phase, Project
from townhall.engagement.services_proposals import project_hide, project_review
from townhall.engagement.tests.helpers import district, make_process
from townhall.notify.models import Notification

pytestmark = pytest.mark.django_db


def authored_project(author) -> Project:
    process = make_process(phase=Phase.REVIEW)
    project = Project.objects.filter(district=district(process, "north")).first()
    project.author = author
    project.save(update_fields=["author"])
    return project


def test_hiding_tells_the_author_why(resident, manager):
    project = authored_project(resident)
    project_hide(project=project, staff=manager, reason="It names a private person")
    message = Notification.objects.get(event="pb_project_reviewed", channel="in_app")
    assert message.recipient == resident
    assert project.title in message.subject
    assert "It names a private person" in message.body


def test_a_review_tells_the_author_the_outcome(resident, manager):
    project = authored_project(resident)
    project_review(project=project, staff=manager, eligible=False, reason="Not council land")
    message = Notification.objects.get(event="pb_project_reviewed", channel="in_app")
    assert "Not council land" in message.body
    assert not Notification.objects.exclude(recipient=resident).exists()
