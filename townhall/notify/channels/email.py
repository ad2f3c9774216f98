from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage

if TYPE_CHECKING:
    from townhall.accounts.models import User
    from townhall.notify.models import Notification


class EmailChannel:
    """Through Django's email backend (TOWNHALL_EMAIL_*): real SMTP in production."""

    name = "email"
    delivered_on_queue = False

    def wants(self, user: User) -> bool:
        return bool(user.contact_by_email and user.email)

    def send(self, notification: Notification) -> None:
        EmailMessage(
            subject=notification.subject,
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            # The address as it is now: a person who changed it since the
            # event was queued should get the message at the new one.
            to=[notification.recipient.email],
            # RFC 3834: keeps out-of-office replies from answering the council.
            headers={"Auto-Submitted": "auto-generated"},
        ).send(fail_silently=False)
