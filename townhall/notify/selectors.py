from __future__ import annotations

from typing import TYPE_CHECKING

from townhall.notify.models import Notification, NotificationQuerySet

if TYPE_CHECKING:
    from townhall.accounts.models import User


def messages_for(*, user: User) -> NotificationQuerySet:
    """The person's in-app messages, newest first."""
    return Notification.objects.in_app_for(user.pk).order_by("-created_at", "-pk")


def message_for(*, user: User, pk: int) -> Notification | None:
    """One of the person's own in-app messages, or None (never someone else's)."""
    return Notification.objects.in_app_for(user.pk).filter(pk=pk).first()


def unread_count_for(*, user: User) -> int:
    return Notification.objects.in_app_for(user.pk).filter(read_at__isnull=True).count()


def notifications_needing_attention() -> NotificationQuerySet:
    """Failed messages first ("failed" sorts before "queued"), then those retrying soonest."""
    return (
        Notification.objects.needing_attention()
        .select_related("recipient")
        .order_by("status", "next_attempt_at", "-pk")
    )
