"""Implementation tracking: staff post progress on funded projects, and the
public project page shows it; unfunded projects take no updates."""

import pytest

from townhall.engagement.models import ImplementationStatus, Phase, ProjectStatus
from townhall.engagement.services import EngagementError
from townhall.engagement.services_proposals import project_update_add
from townhall.engagement.tests.helpers import district, make_process

pytestmark = pytest.mark.django_db


def test_progress_updates_are_public(manager, signed_in, client):
    process = make_process(phase=Phase.CLOSED)
    funded, unfunded = district(process, "north").projects.order_by("pk")[:2]
    funded.status = ProjectStatus.SELECTED
    funded.save()
    staff = signed_in(manager)
    staff.post(
        f"/staff/participate/{process.slug}/projects/{funded.pk}/",
        {"action": "update", "update-status": "in_progress", "update-text": "Work starts in May."},
    )
    funded.refresh_from_db()
    assert funded.implementation_status == ImplementationStatus.IN_PROGRESS
    staff.post("/account/sign-out/")
    page = client.get(f"/participate/{process.slug}/projects/{funded.pk}/").content.decode()
    assert "Work starts in May." in page and "In progress" in page
    with pytest.raises(EngagementError, match="Only funded projects"):
        project_update_add(project=unfunded, staff=manager, status="done", text="Done")
