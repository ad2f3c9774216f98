"""Residents propose, edit, support and comment on ideas; staff hide them
with a reason the author sees, and review them with a public reason."""

import pytest

from townhall.engagement.models import Phase, Project, ProjectStatus, Support
from townhall.engagement.tests.helpers import district, make_process

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def propose(client, process, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "district": district(process, "north").pk,
        "title": "Benches by the river",
        "description": "Ten benches along the towpath.",
        "category": "parks",
        "cost": "12000",
        "address": "Towpath, North Bank",
        **extra,
    }
    if "photo" in extra:
        data["photo"] = SimpleUploadedFile("bench.png", extra["photo"], content_type="image/png")
    return client.post(f"/participate/{process.slug}/propose/", data)


def test_a_resident_proposes_and_edits_an_idea(resident, signed_in):
    process = make_process(phase=Phase.PROPOSALS)
    client = signed_in(resident)
    response = propose(client, process, photo=PNG)
    project = Project.objects.get(title="Benches by the river")
    assert response["Location"] == f"/participate/{process.slug}/projects/{project.pk}/"
    assert project.author == resident and project.status == ProjectStatus.PROPOSED
    assert (
        client.get(f"/participate/{process.slug}/projects/{project.pk}/photo/").status_code == 200
    )
    edit = f"/participate/{process.slug}/projects/{project.pk}/edit/"
    client.post(
        edit,
        {
            "title": "Twelve benches",
            "description": "x",
            "category": "parks",
            "cost": "15000",
            "district": project.district_id,
        },
    )
    project.refresh_from_db()
    assert (project.title, project.cost) == ("Twelve benches", 15000)


def test_a_photo_that_is_not_an_image_is_refused(resident, signed_in):
    process = make_process(phase=Phase.PROPOSALS)
    response = propose(signed_in(resident), process, photo=b"<?php evil(); ?>")
    assert response.status_code == 400
    assert "The photo must be a JPEG or PNG image" in response.content.decode()
    assert not Project.objects.filter(title="Benches by the river").exists()


def test_bad_cost_gets_a_clear_message(resident, signed_in):
    process = make_process(phase=Phase.PROPOSALS)
    response = propose(signed_in(resident), process, cost="lots")
    assert "Enter the estimated cost as a whole number" in response.content.decode()


def test_others_support_and_comment(resident, other_resident, signed_in, client):
    process = make_process(phase=Phase.PROPOSALS)
    propose(signed_in(resident), process)
    project = Project.objects.get(title="Benches by the river")
    client.post("/account/sign-out/")
    other = signed_in(other_resident)
    base = f"/participate/{process.slug}/projects/{project.pk}/"
    other.post(f"{base}support/")
    other.post(f"{base}support/")
    assert Support.objects.filter(project=project).count() == 1
    other.post(f"{base}comment/", {"text": "Yes please, near the lock."})
    assert "Yes please, near the lock." in other.get(base).content.decode()


def test_a_hidden_idea_is_gone_for_others_but_its_author_sees_why(
    resident, other_resident, manager, signed_in, client
):
    process = make_process(phase=Phase.PROPOSALS)
    propose(signed_in(resident), process)
    project = Project.objects.get(title="Benches by the river")
    client.post("/account/sign-out/")
    staff = signed_in(manager)
    staff.post(
        f"/staff/participate/{process.slug}/projects/{project.pk}/",
        {"action": "hide", "hide-reason": "It names a private person."},
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.HIDDEN
    staff.post("/account/sign-out/")
    url = f"/participate/{process.slug}/projects/{project.pk}/"
    assert signed_in(other_resident).get(url).status_code == 404
    client.post("/account/sign-out/")
    assert "It names a private person." in signed_in(resident).get(url).content.decode()


def test_staff_review_with_a_public_reason(manager, signed_in, client):
    process = make_process(phase=Phase.REVIEW)
    project = district(process, "north").projects.first()
    staff = signed_in(manager)
    url = f"/staff/participate/{process.slug}/projects/{project.pk}/"
    missing = staff.post(url, {"action": "review", "review-decision": "ineligible"})
    assert "Give the public reason for the decision" in missing.content.decode()
    staff.post(
        url,
        {
            "action": "review",
            "review-decision": "ineligible",
            "review-reason": "The land belongs to the county.",
            "review-cost": "45000",
        },
    )
    project.refresh_from_db()
    assert (project.status, project.cost) == (ProjectStatus.INELIGIBLE, 45000)
    public = client.get(f"/participate/{process.slug}/projects/{project.pk}/")
    assert "The land belongs to the county." in public.content.decode()
