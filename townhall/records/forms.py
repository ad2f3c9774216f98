"""The staff search form and the destruction approval."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from townhall.cases.models import ApplicationStatus
from townhall.records.selectors import SearchFilters


class DateInput(forms.DateInput):
    # The browser's own date picker; typed as YYYY-MM-DD where there is none.
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class RecordSearchForm(forms.Form):
    words = forms.CharField(
        label=_("Words"),
        max_length=200,
        required=False,
        help_text=_("Words in the title, the text or the case reference, for example: extension"),
    )
    service = forms.ChoiceField(label=_("Service"), required=False)
    status = forms.ChoiceField(label=_("Case status"), required=False)
    date_from = forms.DateField(
        label=_("Added on or after"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a real date, for example 2026-03-31")},
    )
    date_to = forms.DateField(
        label=_("Added on or before"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a real date, for example 2026-03-31")},
    )

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("Any service")), *services]
        statuses = [(v, label) for v, label in ApplicationStatus.choices if v != "draft"]
        self.fields["status"].choices = [("", _("Any status")), *statuses]
        self.fields["words"].widget.attrs["spellcheck"] = "false"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", _("The 'on or before' date must be the same as or after the other date")
            )
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            words=data.get("words") or "",
            service=data.get("service") or "",
            status=data.get("status") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class DestroyForm(forms.Form):
    record = forms.CharField(max_length=32, widget=forms.HiddenInput)
