from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class MonthlyFiguresForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        help_text=_("As year and month, for example 2026-03"),
        error_messages={"required": _("Enter the month, for example 2026-03")},
    )
    offline = forms.IntegerField(
        label=_("Paper and phone transactions"),
        required=False,
        min_value=0,
        error_messages={
            "invalid": _("Enter the number of transactions as a whole number"),
            "min_value": _("The number of transactions must be 0 or more"),
        },
    )
    cost = forms.CharField(
        label=_("Running cost of the service that month"),
        help_text=_("For example 1250.50"),
        required=False,
    )

    minutes = forms.IntegerField(
        label=_("Average staff time per application, in minutes"),
        help_text=_("Turns the demand forecast into staff hours. Leave empty to keep it as it is."),
        required=False,
        min_value=1,
        max_value=10_000,
        error_messages={
            "invalid": _("Enter the staff time as a whole number of minutes"),
            "min_value": _("The staff time per application must be 1 to 10,000 minutes"),
            "max_value": _("The staff time per application must be 1 to 10,000 minutes"),
        },
    )

    def clean_month(self) -> date:
        found = MONTH.match(self.cleaned_data["month"])
        if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1900:
            raise forms.ValidationError(_("Enter the month as year and month, like 2026-03"))
        return date(int(found[1]), int(found[2]), 1)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        cost = (data.get("cost") or "").strip()
        if data.get("offline") is None and not cost and data.get("minutes") is None:
            raise forms.ValidationError(
                _("Enter the paper and phone transactions, the running cost, or both")
            )
        return data


class HotspotForm(forms.Form):
    areas = forms.FileField(
        label=_("Area boundaries (GeoJSON)"),
        help_text=_("A FeatureCollection of polygons, one feature per area"),
        required=False,
    )
    city_districts = forms.BooleanField(
        label=_("Use the city's districts instead of uploading boundaries"),
        help_text=_(
            "The districts on the city map; the CSV then names each district by its "
            "short name, such as old-town"
        ),
        required=False,
    )
    data = forms.FileField(
        label=_("Cases and population (CSV, optional)"),
        help_text=_(
            "Leave empty when the GeoJSON properties hold the counts. Age bands may be "
            "added as column pairs such as cases_0-44 and population_0-44, cases_45+ and "
            "population_45+"
        ),
        required=False,
    )
    id_field = forms.CharField(label=_("Column naming each area"), initial="id", max_length=100)
    cases_field = forms.CharField(label=_("Column of cases"), initial="cases", max_length=100)
    population_field = forms.CharField(
        label=_("Column of population"), initial="population", max_length=100
    )
    permutations = forms.IntegerField(
        label=_("Permutations"), initial=999, min_value=99, max_value=9999
    )
    seed = forms.IntegerField(
        label=_("Random seed (optional)"),
        help_text=_("The same seed gives the same p-values; one is drawn when empty"),
        required=False,
        min_value=0,
        max_value=2**31 - 1,
    )
    standard = forms.ChoiceField(
        label=_("Standard population for age bands"),
        help_text=_("Only used when the data has age bands"),
        choices=[
            ("esp2013", _("European Standard Population 2013")),
            ("pooled", _("All the uploaded areas' people together")),
        ],
        initial="esp2013",
        required=False,
        widget=forms.RadioSelect,
    )
    fdr = forms.BooleanField(
        label=_("Correct for testing many areas at once (false discovery rate)"),
        required=False,
    )
    publish = forms.BooleanField(
        label=_("Publish these results as open data"),
        help_text=_(
            "Replaces the hotspot results published before. Counts of fewer than the "
            "public minimum are left out, as on the performance pages"
        ),
        required=False,
    )
    title = forms.CharField(
        label=_("What the counts are (needed to publish)"),
        help_text=_("For example: People with type 2 diabetes, 2025"),
        required=False,
        max_length=200,
    )

    def clean_standard(self) -> str:
        return self.cleaned_data.get("standard") or "esp2013"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("city_districts"):
            if data.get("areas"):
                self.add_error(
                    "areas", _("Upload boundaries or use the city's districts, not both")
                )
            elif not data.get("data"):
                self.add_error(
                    "data", _("Choose the CSV of cases and population for the city's districts")
                )
        elif not data.get("areas") and "areas" not in self.errors:
            self.add_error(
                "areas", _("Choose the GeoJSON file of the areas, or use the city's districts")
            )
        if data.get("publish") and not (data.get("title") or "").strip():
            self.add_error("title", _("Say what the counts are before publishing them"))
        return data
