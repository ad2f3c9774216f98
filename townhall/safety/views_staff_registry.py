"""The sensor registry for operators: download it as CSV or GeoJSON, and
import a file of sensors (checked whole; every bad row is listed and then
nothing is imported), the same as `townhall safety sensors import|export`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from townhall.safety.registry import RegistryError, registry_export, sensors_import
from townhall.safety.views_staff import operator_required

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "sensors.csv"),
    "geojson": ("application/geo+json", "sensors.geojson"),
}


class RegistryImportForm(forms.Form):
    registry = forms.FileField(
        label=gettext_lazy("Sensors file"),
        help_text=gettext_lazy("A CSV or GeoJSON file of sensors, up to 5 MB."),
        error_messages={"required": gettext_lazy("Choose a CSV or GeoJSON file of sensors")},
    )

    def clean_registry(self) -> tuple[str, str]:
        upload = self.cleaned_data["registry"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be 5 MB or smaller"))
        name = (upload.name or "").lower()
        if name.endswith((".geojson", ".json")):
            fmt = "geojson"
        elif name.endswith(".csv"):
            fmt = "csv"
        else:
            raise forms.ValidationError(_("The file must be a .csv or .geojson file"))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file must be UTF-8 text")) from None
        return text, fmt


@operator_required
@require_GET
def registry_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, filename = FORMATS[fmt]
    response = HttpResponse(registry_export(fmt=fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@operator_required
@require_http_methods(["GET", "POST"])
def registry_import(request: HttpRequest) -> HttpResponse:
    form = RegistryImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        text, fmt = form.cleaned_data["registry"]
        try:
            created, updated = sensors_import(data=text, fmt=fmt)
        except RegistryError as error:
            problems = error.problems
            form.add_error("registry", _("Nothing was imported: correct the rows listed below"))
        else:
            messages.success(
                request,
                _("%(created)d sensors added and %(updated)d updated")
                % {"created": created, "updated": updated},
            )
            return redirect("safety:staff-sensors")
    return render(
        request,
        "safety/staff/registry_import.html",
        {"form": form, "problems": problems},
        status=400 if form.is_bound else 200,
    )
