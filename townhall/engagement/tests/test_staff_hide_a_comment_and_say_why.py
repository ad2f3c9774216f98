"""Staff hide one comment on a project; its place says a moderator hid it and
why, the rest of the conversation stays, and a reason is required."""

from __future__ import annotations

import pytest

from townhall.engagement.models import Comment, Phase
from townhall.engagement.services_proposals import comment_add
from townhall.engagement.tests.helpers import district, make_process

pytestmark = pytest.mark.django_db


def test_a_hidden_comment_is_replaced_by_the_reason(resident, other_resident, manager, signed_in):
    process = make_process(phase=Phase.PROPOSALS)
    project = district(process, "north").projects.first()
    rude = comment_add(project=project, author=resident, text="Only idiots would want this.")
    comment_add(project=project, author=other_resident, text="I would use these benches daily.")
    staff = signed_in(manager)
    url = f"/staff/participate/{process.slug}/projects/{project.pk}/"
    refused = staff.post(url, {"action": "hide_comment", "comment-comment": rude.pk})
    assert refused.status_code == 400
    assert "Give the reason for hiding the comment" in refused.content.decode()
    assert Comment.objects.get(pk=rude.pk).hidden_reason == ""
    staff.post(
        url,
        {"action": "hide_comment", "comment-comment": rude.pk, "comment-reason": "Insults people."},
    )
    public = staff.get(f"/participate/{process.slug}/projects/{project.pk}/").content.decode()
    assert "Only idiots" not in public
    assert "A moderator hid this comment: Insults people." in public
    assert "I would use these benches daily." in public
    again = staff.post(
        url, {"action": "hide_comment", "comment-comment": rude.pk, "comment-reason": "Twice."}
    )
    assert again.status_code == 400  # already hidden: no longer a choice


def test_residents_cannot_hide_comments(resident, signed_in):
    process = make_process(phase=Phase.PROPOSALS)
    project = district(process, "north").projects.first()
    comment = comment_add(project=project, author=resident, text="My own words.")
    response = signed_in(resident).post(
        f"/staff/participate/{process.slug}/projects/{project.pk}/",
        {"action": "hide_comment", "comment-comment": comment.pk, "comment-reason": "x"},
    )
    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).hidden_reason == ""
