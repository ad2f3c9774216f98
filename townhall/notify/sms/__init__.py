"""SMS providers: one module each, chosen by TOWNHALL_SMS_PROVIDER.

A provider sends one text to one number and raises SmsError (or any
exception) when the message was not accepted, so the outbox retries it.
To add a provider (a national gateway, Twilio…), write a module with a class
that has `send(*, to, body)`, add it to PROVIDERS and to the setting's choices.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

PROVIDERS = {
    "logging": "townhall.notify.sms.log.LoggingProvider",
}


class SmsError(Exception):
    """The provider refused or could not take the message."""


class SmsProvider(Protocol):
    def send(self, *, to: str, body: str) -> None: ...


def sms_provider() -> SmsProvider:
    provider: SmsProvider = import_string(PROVIDERS[settings.SMS_PROVIDER])()
    return provider
