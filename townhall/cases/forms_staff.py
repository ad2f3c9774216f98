"""Forms of the back office pages. They check the shape of what was sent; the
rules (which moves are allowed, who may do what) are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from townhall.cases.models import ApplicationStatus, CaseMessage, SlaState
from townhall.cases.services_casework import REASON_MAX

SORT_CHOICES = (
    ("due", _("Due soonest")),
    ("-due", _("Due latest")),
    ("submitted", _("Oldest first")),
    ("-submitted", _("Newest first")),
)
ASSIGNEE_CHOICES = (("", _("Anyone")), ("me", _("Me")), ("unassigned", _("No one")))


class QueueFilterForm(forms.Form):
    service = forms.ChoiceField(label=_("Service"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    sla = forms.ChoiceField(
        label=_("Time target"),
        required=False,
        choices=(("", _("Any")), *SlaState.choices),
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False, choices=ASSIGNEE_CHOICES)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("All my services")), *services]
        open_states = [
            (value, label)
            for value, label in ApplicationStatus.choices
            if value not in (ApplicationStatus.DRAFT, ApplicationStatus.CLOSED, "withdrawn")
        ]
        self.fields["status"].choices = [("", _("Any open status")), *open_states]


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        label=_("What happens now?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to the case now")},
    )
    reason = forms.CharField(
        label=_("Reason or request (the resident reads this)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea,
        help_text=_("Needed to ask for more information, to refuse, or to add conditions."),
    )
    conditions = forms.CharField(
        label=_("Conditions (for an approval with conditions)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea,
    )

    def __init__(self, *args: Any, allowed: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(state, ApplicationStatus(state).label) for state in allowed]


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note (staff only)"),
        max_length=REASON_MAX,
        widget=forms.Textarea,
        error_messages={"required": _("Enter a note")},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=CaseMessage.BODY_MAX,
        widget=forms.Textarea,
        error_messages={"required": _("Enter your message")},
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Why are you sending the decision back?"),
        max_length=REASON_MAX,
        widget=forms.Textarea,
        error_messages={"required": _("Say why you are sending the decision back")},
    )


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(
        label=_("Assign to"),
        error_messages={"required": _("Choose who will handle the cases")},
    )
    references = forms.MultipleChoiceField(
        label=_("Cases"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, people: list[tuple[str, str]], references: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("Choose a person")), *people]
        self.fields["references"].choices = [(ref, ref) for ref in references]


CONSENT_CHANNELS = (
    ("phone", _("On the phone")),
    ("counter", _("At the counter")),
    ("home_visit", _("On a home visit")),
)


class AssistForm(forms.Form):
    """Start an application with a resident who phoned or came in."""

    service = forms.ChoiceField(
        label=_("Service"), error_messages={"required": _("Choose the service they need")}
    )
    email = forms.EmailField(
        label=_("Resident's email address"),
        help_text=_("We find their account, or open one for them with this address."),
        error_messages={
            "required": _("Enter the resident's email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    full_name = forms.CharField(
        label=_("Resident's full name"),
        max_length=150,
        required=False,
        help_text=_("Needed when they do not have an account yet."),
    )
    channel = forms.ChoiceField(
        label=_("How are you helping them?"),
        choices=CONSENT_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you are helping them")},
    )
    consent = forms.BooleanField(
        label=_("The resident agreed that I fill in this application with them"),
        error_messages={"required": _("Ask the resident for their agreement before you start")},
    )

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("Choose a service")), *services]
