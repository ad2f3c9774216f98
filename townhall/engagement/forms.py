from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from townhall.engagement.models import Comment, District, ImplementationStatus, Phase, Project

CATEGORIES = (
    ("", _("Choose a category")),
    ("parks", _("Parks and green spaces")),
    ("streets", _("Streets and transport")),
    ("culture", _("Culture and sport")),
    ("education", _("Education and young people")),
    ("environment", _("Environment")),
    ("community", _("Community and health")),
)


class ProposalForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Choose the district"),
            "invalid_choice": _("Choose the district"),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter a title for your idea")},
    )
    description = forms.CharField(
        label=_("Describe your idea"),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Describe your idea")},
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=CATEGORIES,
        error_messages={"required": _("Choose a category")},
    )
    cost = forms.IntegerField(
        label=_("Estimated cost"),
        help_text=_("A whole number, in the process's currency"),
        min_value=1,
        max_value=10**12,
        error_messages={
            "required": _("Enter the estimated cost"),
            "invalid": _("Enter the estimated cost as a whole number, like 25000"),
            "min_value": _("The estimated cost must be more than 0"),
        },
    )
    address = forms.CharField(
        label=_("Address or place (optional)"), max_length=300, required=False
    )
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"),
        required=False,
        min_value=Decimal(-90),
        max_value=Decimal(90),
        decimal_places=6,
        error_messages={"invalid": _("Enter the latitude as a number between -90 and 90")},
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"),
        required=False,
        min_value=Decimal(-180),
        max_value=Decimal(180),
        decimal_places=6,
        error_messages={"invalid": _("Enter the longitude as a number between -180 and 180")},
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        help_text=_("A JPEG or PNG image, smaller than 5 MB"),
        required=False,
    )

    def __init__(self, *args: Any, process: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = District.objects.filter(process=process)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Enter both the latitude and the longitude, or neither"))
        return data


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Add a comment"),
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": _("Enter a comment")},
    )


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        help_text=_("The code you were given when you voted, like K7QF-9MZC-2HTX-PW4D"),
        max_length=40,
        error_messages={"required": _("Enter your receipt code")},
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(("eligible", _("Eligible")), ("ineligible", _("Not eligible"))),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose eligible or not eligible")},
    )
    reason = forms.CharField(
        label=_("Public reason"),
        widget=forms.Textarea,
        error_messages={"required": _("Give the public reason for the decision")},
    )
    cost = forms.IntegerField(
        label=_("Assessed cost"),
        min_value=1,
        required=False,
        error_messages={"invalid": _("Enter the cost as a whole number")},
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding (the author will see it)"),
        widget=forms.Textarea,
        error_messages={"required": _("Give the reason for hiding the project")},
    )


class CommentHideForm(forms.Form):
    comment = forms.ModelChoiceField(
        label=_("Comment to hide"),
        queryset=Comment.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the comment to hide")},
    )
    reason = forms.CharField(
        label=_("Reason for hiding (shown in its place)"),
        widget=forms.Textarea,
        error_messages={"required": _("Give the reason for hiding the comment")},
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = project.comments.filter(hidden_reason="").select_related("author")
        field.label_from_instance = lambda c: f"{c.author.get_short_name()}: {c.text[:120]}"


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Project.objects.none(),
        error_messages={"required": _("Choose the project to merge into")},
    )
    reason = forms.CharField(label=_("Public reason"), required=False)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Project.objects.filter(district=project.district).exclude(pk=project.pk)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)


class UpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Implementation status"), choices=ImplementationStatus.choices
    )
    text = forms.CharField(
        label=_("Progress update"),
        widget=forms.Textarea,
        error_messages={"required": _("Describe the progress")},
    )
