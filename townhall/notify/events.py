"""The events that send a message, and who each is for.

Each event has a folder of templates, templates/notify/messages/<event>/, with
one file per channel (email.txt, sms.txt, in_app.txt) and a subject.txt that is
the email subject and the in-app message's title.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Audience(StrEnum):
    RESIDENT = "resident"
    STAFF = "staff"


@dataclass(frozen=True)
class Event:
    name: str
    label: str | Promise
    audience: Audience


EVENTS: dict[str, Event] = {
    event.name: event
    for event in (
        Event("application_received", _("Application received"), Audience.RESIDENT),
        Event("info_requested", _("More information requested"), Audience.RESIDENT),
        Event("decision_made", _("Decision made"), Audience.RESIDENT),
        Event("sla_at_risk", _("Decision deadline at risk"), Audience.STAFF),
        Event("caseworker_message", _("Message from a caseworker"), Audience.RESIDENT),
        Event("pb_project_reviewed", _("Budgeting idea reviewed"), Audience.RESIDENT),
        Event("hazard_warning", _("Hazard warning for your area"), Audience.RESIDENT),
    )
}

# The context fields templates may use; anything else a caller passes is
# dropped, so personal answers can never reach a message by accident.
CONTEXT_FIELDS = (
    "reference",
    "service_title",
    "status_label",
    "reason",
    "due_date",
    "area",
    "advice",
)


def event_get(name: str) -> Event:
    try:
        return EVENTS[name]
    except KeyError:
        known = ", ".join(sorted(EVENTS))
        raise ValueError(f"unknown notification event {name!r}; known events: {known}") from None


def event_choices() -> list[tuple[str, str | Promise]]:
    return [(event.name, event.label) for event in EVENTS.values()]
