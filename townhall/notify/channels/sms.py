from __future__ import annotations

from typing import TYPE_CHECKING

from townhall.notify.sms import SmsError, sms_provider

if TYPE_CHECKING:
    from townhall.accounts.models import User
    from townhall.notify.models import Notification


class SmsChannel:
    """Through the provider named by TOWNHALL_SMS_PROVIDER."""

    name = "sms"
    delivered_on_queue = False

    def wants(self, user: User) -> bool:
        return bool(user.contact_by_sms and user.phone)

    def send(self, notification: Notification) -> None:
        number = notification.recipient.phone
        if not number:
            raise SmsError("the recipient has no mobile phone number any more")
        sms_provider().send(to=number, body=notification.body)
