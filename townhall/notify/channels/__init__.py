"""Channels a message goes out on, behind one small interface and a registry.

A channel says whether a person wants messages on it (`wants`) and delivers
one queued Notification (`send`), raising on failure so the outbox retries.
In-app messages are delivered by being stored: `delivered_on_queue` marks
them sent as they are queued, and no task runs for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from townhall.notify.channels.email import EmailChannel
from townhall.notify.channels.in_app import InAppChannel
from townhall.notify.channels.sms import SmsChannel

if TYPE_CHECKING:
    from townhall.accounts.models import User
    from townhall.notify.models import Notification


class Channel(Protocol):
    name: str
    delivered_on_queue: bool

    def wants(self, user: User) -> bool: ...

    def send(self, notification: Notification) -> None: ...


CHANNELS: dict[str, Channel] = {
    channel.name: channel for channel in (EmailChannel(), SmsChannel(), InAppChannel())
}


def channel_get(name: str) -> Channel:
    try:
        return CHANNELS[name]
    except KeyError:
        raise ValueError(f"unknown notification channel {name!r}") from None


def channels_for(user: User) -> list[Channel]:
    """The channels `user` chose, in registry order; in-app is always among them."""
    return [channel for channel in CHANNELS.values() if channel.wants(user)]
