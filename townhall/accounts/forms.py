from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from townhall.accounts.models import User, normalise_email


class TelInput(forms.TextInput):
    input_type = "tel"


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Enter a correct email address and password."),
        "inactive": _("This account has been closed."),
    }

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data["username"])


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6-digit code, or one of your backup codes."),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code from your authenticator app")},
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace(" ", "")


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your full name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will send you a link to confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    password = forms.CharField(
        label=_("Create a password"),
        help_text=_("At least 10 characters. Avoid common words and passwords."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Create a password")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for messages from us"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            probe = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "preferred_language", "contact_by_email", "contact_by_sms"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
            "phone": TelInput(attrs={"autocomplete": "tel"}),
            "preferred_language": forms.RadioSelect,
        }
        help_texts = {"phone": _("For text messages about your applications. Optional.")}

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = phone.replace(" ", "").replace("-", "").removeprefix("+")
        if phone and (not digits.isdigit() or not 7 <= len(digits) <= 15):
            raise forms.ValidationError(
                _("Enter a phone number of 7 to 15 digits, with spaces or dashes if you like")
            )
        return phone

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("contact_by_sms") and not cleaned.get("phone"):
            self.add_error(
                "phone",
                _("Enter a mobile phone number, or untick ‘contact me by text message’"),
            )
        return cleaned
