from django import forms
from django.utils.translation import gettext_lazy as _


class ReceiptCheckForm(forms.Form):
    receipt = forms.CharField(
        label=_("Paste your receipt"),
        help_text=_(
            "A receipt is the text that starts with { and ends with }. You can find it "
            "with your decision or download it from your decision page."
        ),
        max_length=200_000,
        strip=True,
        error_messages={
            "required": _("Paste the receipt you want to check"),
            "max_length": _("A receipt is shorter than that: check you pasted only the receipt"),
        },
    )
