from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from townhall.accounts.models import User
    from townhall.notify.models import Notification


class InAppChannel:
    """Messages residents read at /account/messages/: the outbox row is the message."""

    name = "in_app"
    delivered_on_queue = True

    def wants(self, user: User) -> bool:
        # Everyone gets the website copy, so a message is never lost to an
        # old email address or a phone that is off.
        return True

    def send(self, notification: Notification) -> None:
        return None
