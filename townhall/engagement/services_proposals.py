"""Writes for the proposals and review phases: residents propose, edit,
comment and support; staff hide, review, merge and track implementation.

Keyword-only arguments, one transaction each; refusals raise
`EngagementError` and change nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from townhall.engagement.models import (
    Comment,
    District,
    ImplementationStatus,
    Phase,
    Project,
    ProjectStatus,
    ProjectUpdate,
    Support,
)
from townhall.engagement.services import EngagementError
from townhall.ledger.services import ledger_append

PHOTO_MAX_BYTES = 5 * 1024 * 1024
# By their first bytes: the name and the browser's claimed type prove nothing.
PHOTO_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))


class PhotoRejected(EngagementError):
    """The photo is not a JPEG or PNG, or too big; nothing was stored."""


def _check_proposals_open(district: District) -> None:
    if district.process.phase != Phase.PROPOSALS:
        raise EngagementError(_("Proposals are closed in this process"))


def _photo_check(photo: UploadedFile) -> str:
    """The file's extension if it really is a JPEG or PNG of allowed size."""
    if photo.size is not None and photo.size > PHOTO_MAX_BYTES:
        raise PhotoRejected(_("The photo must be smaller than 5 MB"))
    photo.seek(0)
    head = photo.read(64)
    photo.seek(0)
    for magic, extension in PHOTO_MAGIC:
        if head.startswith(magic):
            return extension
    raise PhotoRejected(_("The photo must be a JPEG or PNG image"))


@transaction.atomic
def project_propose(
    *,
    author: Any,
    district: District,
    title: str,
    description: str,
    category: str,
    cost: int,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    photo: UploadedFile | None = None,
) -> Project:
    _check_proposals_open(district)
    project = Project(
        district=district,
        author=author,
        title=title.strip(),
        description=description.strip(),
        category=category.strip(),
        cost=cost,
        address=address.strip(),
        latitude=latitude,
        longitude=longitude,
    )
    if photo is not None:
        extension = _photo_check(photo)
        project.photo.save(f"proposal.{extension}", photo, save=False)
    project.save()
    return project


@transaction.atomic
def project_edit(*, project: Project, author: Any, **fields: Any) -> Project:
    if project.author_id != author.pk:
        raise EngagementError(_("Only the author can change a proposal"))
    _check_proposals_open(project.district)
    photo = fields.pop("photo", None)
    allowed = {"title", "description", "category", "cost", "address", "latitude", "longitude"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"cannot edit {name}")
        setattr(project, name, value.strip() if isinstance(value, str) else value)
    changed = list(fields)
    if photo is not None:
        extension = _photo_check(photo)
        project.photo.save(f"proposal.{extension}", photo, save=False)
        changed.append("photo")
    project.save(update_fields=[*changed, "updated_at"])
    return project


@transaction.atomic
def comment_add(*, project: Project, author: Any, text: str) -> Comment:
    if project.status == ProjectStatus.HIDDEN:
        raise EngagementError(_("This project is hidden"))
    if project.district.process.phase not in (Phase.PROPOSALS, Phase.REVIEW, Phase.VOTING):
        raise EngagementError(_("Comments are closed in this process"))
    text = text.strip()
    if not text:
        raise EngagementError(_("Enter a comment"))
    return Comment.objects.create(project=project, author=author, text=text[:4000])


@transaction.atomic
def support_add(*, project: Project, user: Any) -> bool:
    """Support a proposal; False when the person already did."""
    _check_proposals_open(project.district)
    if project.status == ProjectStatus.HIDDEN:
        raise EngagementError(_("This project is hidden"))
    try:
        with transaction.atomic():
            Support.objects.create(project=project, user=user)
    except IntegrityError:
        return False
    return True


# --- staff --------------------------------------------------------------------


def _notify_author(project: Project, reason: str) -> None:
    # The author is told in their own messages; the event is the lead's to
    # register (see the report), until then the change shows on the page.
    from townhall.notify.events import EVENTS
    from townhall.notify.services import notification_queue

    if project.author is None or "pb_project_reviewed" not in EVENTS:
        return
    notification_queue(
        event="pb_project_reviewed",
        key=f"pb_project_reviewed:{project.pk}:{project.status}",
        recipient=project.author,
        context={
            "reference": project.title,
            "status_label": project.get_status_display(),
            "reason": reason,
        },
        url=reverse("engagement:project", args=[project.district.process.slug, project.pk]),
    )


@transaction.atomic
def project_hide(*, project: Project, staff: Any, reason: str) -> Project:
    reason = reason.strip()
    if not reason:
        raise EngagementError(_("Give the reason for hiding the project: the author will see it"))
    project.status = ProjectStatus.HIDDEN
    project.hidden_reason = reason
    project.save(update_fields=["status", "hidden_reason", "updated_at"])
    _notify_author(project, reason)
    return project


@transaction.atomic
def comment_hide(*, comment: Comment, staff: Any, reason: str) -> Comment:
    """Hide a comment; its place on the page says a moderator hid it, and why."""
    reason = " ".join(reason.split())
    if not reason:
        raise EngagementError(_("Give the reason for hiding the comment"))
    if len(reason) > 500:
        raise EngagementError(_("Keep the reason to 500 characters or fewer"))
    comment.hidden_reason = reason
    comment.save(update_fields=["hidden_reason"])
    return comment


@transaction.atomic
def project_review(
    *, project: Project, staff: Any, eligible: bool, reason: str, cost: int | None = None
) -> Project:
    reason = reason.strip()
    if not reason:
        raise EngagementError(_("Give the public reason for the decision"))
    if project.district.process.phase not in (Phase.PROPOSALS, Phase.REVIEW):
        raise EngagementError(_("Projects can be reviewed only before voting opens"))
    project.status = ProjectStatus.ELIGIBLE if eligible else ProjectStatus.INELIGIBLE
    project.review_reason = reason
    if cost is not None:
        project.cost = cost
    project.save(update_fields=["status", "review_reason", "cost", "updated_at"])
    ledger_append(
        kind="pb.review",
        subject=f"pb:{project.district.process.slug}:project:{project.pk}",
        payload={"status": project.status, "reason": reason, "cost": project.cost},
        actor=staff,
    )
    _notify_author(project, reason)
    return project


@transaction.atomic
def project_merge(*, project: Project, into: Project, staff: Any, reason: str) -> Project:
    if project.pk == into.pk or into.district_id != project.district_id:
        raise EngagementError(_("A project can be merged only into another of the same district"))
    project.status = ProjectStatus.MERGED
    project.merged_into = into
    project.review_reason = reason.strip() or _("Merged with a similar proposal")
    project.save(update_fields=["status", "merged_into", "review_reason", "updated_at"])
    _notify_author(project, project.review_reason)
    return project


@transaction.atomic
def project_update_add(*, project: Project, staff: Any, status: str, text: str) -> ProjectUpdate:
    if project.status != ProjectStatus.SELECTED:
        raise EngagementError(_("Only funded projects have implementation updates"))
    if status not in ImplementationStatus.values:
        raise EngagementError(_("Choose an implementation status"))
    text = text.strip()
    if not text:
        raise EngagementError(_("Describe the progress"))
    project.implementation_status = status
    project.save(update_fields=["implementation_status", "updated_at"])
    return ProjectUpdate.objects.create(project=project, status=status, text=text, author=staff)
