"""Forms of the safety pages. They check what a person typed; the workflow's
own rules (which move is allowed, which area exists) stay in the services,
whose `SafetyError` the views show as a form error."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from townhall.core.geography import areas
from townhall.safety.models import IncidentKind, IncidentSource, Severity

# An arrival time typed as a clock time is taken as the next such time, so
# "00:10" typed at 23:55 means tomorrow; no crew takes longer than this.
LONGEST_ETA = timedelta(hours=12)


def area_choices() -> list[tuple[str, str]]:
    return [(area.slug, area.name) for area in areas()]


def _with_blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("Choose…")), *choices]


class IncidentOpenForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type of incident"),
        error_messages={
            "required": _("Choose the type of incident"),
            "invalid_choice": _("Choose the type of incident"),
        },
    )
    area = forms.ChoiceField(
        label=_("Area"),
        error_messages={
            "required": _("Choose the area where it is happening"),
            "invalid_choice": _("Choose the area where it is happening"),
        },
    )
    summary = forms.CharField(
        label=_("What is happening"),
        help_text=_("Where exactly, what the caller saw, anyone at risk. Up to 300 characters."),
        widget=forms.Textarea,
        max_length=300,
        error_messages={
            "required": _("Describe what is happening"),
            "max_length": _("Keep the description to 300 characters or fewer"),
        },
    )
    source = forms.ChoiceField(
        label=_("Reported by"),
        widget=forms.RadioSelect,
        choices=[
            (IncidentSource.PHONE, IncidentSource.PHONE.label),
            (IncidentSource.OPERATOR, IncidentSource.OPERATOR.label),
        ],
        initial=IncidentSource.PHONE,
        error_messages={
            "required": _("Say who reported it"),
            "invalid_choice": _("Say who reported it"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _with_blank(list(IncidentKind.choices))
        self.fields["area"].choices = _with_blank(area_choices())


class DispatchForm(forms.Form):
    unit = forms.CharField(
        label=_("Unit sent"),
        max_length=100,
        error_messages={
            "required": _("Say which unit is sent"),
            "max_length": _("Keep the unit's name to 100 characters or fewer"),
        },
    )
    eta_minutes = forms.IntegerField(
        label=_("Expected to arrive in (minutes)"),
        required=False,
        min_value=1,
        max_value=720,
        help_text=_("Give minutes or a time, or leave both empty if not known"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Give the minutes as a whole number, like 12"),
            "min_value": _("Give at least 1 minute"),
            "max_value": _("Give no more than 720 minutes (12 hours)"),
        },
    )
    eta_time = forms.TimeField(
        label=_("Or expected arrival time"),
        required=False,
        help_text=_("A 24-hour clock time, like 14:30"),
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        error_messages={"invalid": _("Give the time as hours and minutes, like 14:30")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        minutes, clock = data.get("eta_minutes"), data.get("eta_time")
        now = timezone.now()
        data["eta"] = None
        if minutes is not None and clock is not None:
            self.add_error("eta_minutes", _("Give the minutes or the time, not both"))
        elif minutes is not None:
            data["eta"] = now + timedelta(minutes=minutes)
        elif clock is not None:
            data["eta"] = next_clock_time(clock, now=now)
            if data["eta"] - now > LONGEST_ETA:
                self.add_error("eta_time", _("Give an arrival time within the next 12 hours"))
        return data


def next_clock_time(clock: time, *, now: datetime) -> datetime:
    local = timezone.localtime(now)
    candidate = local.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
    if candidate < local - timedelta(minutes=1):
        candidate += timedelta(days=1)
    return candidate


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea,
        error_messages={"max_length": _("Keep the note to 500 characters or fewer")},
    )


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=_("How it was resolved"),
        help_text=_("For example: road reopened, false alarm, handed to the fire service."),
        max_length=500,
        widget=forms.Textarea,
        error_messages={
            "required": _("Say how the incident was resolved"),
            "max_length": _("Keep the note to 500 characters or fewer"),
        },
    )


class WarningForm(forms.Form):
    area = forms.ChoiceField(
        label=_("Area"),
        error_messages={
            "required": _("Choose the area the warning is for"),
            "invalid_choice": _("Choose the area the warning is for"),
        },
    )
    severity = forms.ChoiceField(
        label=_("Severity"),
        widget=forms.RadioSelect,
        choices=Severity.choices,
        error_messages={
            "required": _("Choose how severe the hazard is"),
            "invalid_choice": _("Choose how severe the hazard is"),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: Flooding near the river"),
        error_messages={
            "required": _("Give the warning a title"),
            "max_length": _("Keep the title to 200 characters or fewer"),
        },
    )
    advice = forms.CharField(
        label=_("What residents should do"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": _("Say what residents should do"),
            "max_length": _("Keep the advice to 2,000 characters or fewer"),
        },
    )
    hours = forms.IntegerField(
        label=_("Lasts for (hours)"),
        min_value=1,
        max_value=24 * 14,
        initial=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": _("Say how many hours the warning lasts"),
            "invalid": _("Give the hours as a whole number, like 12"),
            "min_value": _("A warning lasts from 1 hour to 14 days"),
            "max_value": _("A warning lasts from 1 hour to 14 days"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _with_blank(area_choices())


class SubscriptionForm(forms.Form):
    areas = forms.MultipleChoiceField(
        label=_("Areas"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose areas from the list")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = area_choices()


class PeriodForm(forms.Form):
    days = forms.ChoiceField(
        label=_("Incidents opened in"),
        required=False,
        initial="90",
        choices=[
            ("30", _("the last 30 days")),
            ("90", _("the last 90 days")),
            ("365", _("the last year")),
            ("all", _("all time")),
        ],
    )
