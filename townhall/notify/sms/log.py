"""The development provider: writes each text to the log instead of a phone.

It logs the text and only the last digits of the number: a log is read by more
people than the outbox, and the number is personal data.
"""

from __future__ import annotations

import logging

logger = logging.getLogger("townhall.notify.sms")


def masked(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    return "•••" + digits[-3:] if len(digits) > 3 else "•••"


class LoggingProvider:
    def send(self, *, to: str, body: str) -> None:
        logger.info("SMS to %s (%d characters): %s", masked(to), len(body), body)
