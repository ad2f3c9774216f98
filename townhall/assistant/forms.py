from django import forms
from django.utils.translation import gettext_lazy as _

from townhall.assistant.services import MAX_QUESTION_CHARS


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION_CHARS,
        error_messages={"required": _("Enter a question")},
    )


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200, error_messages={"required": _("Enter your name")}
    )
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address like name@example.com"),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that council staff can read this conversation to help me"),
        error_messages={
            "required": _("Tick the box to agree that staff can read this conversation")
        },
    )
