"""When to try a failed message again. Pure Python, no Django, so it can be
tested and reasoned about on its own."""

from __future__ import annotations

from datetime import datetime, timedelta

# Six hours: past that a person is better served by staff seeing the failure
# (and fixing the address) than by the machine trying ever more rarely.
MAX_DELAY_SECONDS = 6 * 60 * 60


def retry_delay(attempts: int, *, base_seconds: int, cap_seconds: int = MAX_DELAY_SECONDS) -> int:
    """Seconds to wait after the `attempts`-th failed attempt: base, 2×base, 4×base… up to cap."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, not {attempts}")
    if base_seconds < 1:
        raise ValueError(f"base_seconds must be at least 1, not {base_seconds}")
    # Bounding the exponent first keeps huge attempt counts from building huge ints.
    exponent = min(attempts - 1, 32)
    return int(min(base_seconds * 2**exponent, cap_seconds))


def next_attempt_at(
    now: datetime, attempts: int, *, base_seconds: int, cap_seconds: int = MAX_DELAY_SECONDS
) -> datetime:
    return now + timedelta(
        seconds=retry_delay(attempts, base_seconds=base_seconds, cap_seconds=cap_seconds)
    )
