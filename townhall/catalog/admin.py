from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext

from townhall.catalog.forms import ServiceDefinitionForm
from townhall.catalog.models import ServiceVersion
from townhall.catalog.services import service_version_publish
from townhall.catalog.views import start_pages_forget

STORED_FIELDS = ("slug", "version", "title", "summary", "topic", "is_current", "published_at")


@admin.register(ServiceVersion)
class ServiceVersionAdmin(admin.ModelAdmin):
    """Service definitions, edited as YAML and published as new versions.

    A stored version is never changed: applications point at the exact
    version they were made under. Both the add form and a version's own page
    take a definition's YAML; saving checks it like `townhall services load`
    does and publishes it through `service_version_publish` (which writes the
    ledger entry) as a new, higher version.
    """

    form = ServiceDefinitionForm
    list_display = ("slug", "version", "title", "is_current", "published_at")
    list_filter = ("is_current", "topic")
    search_fields = ("slug", "title")
    ordering = ("slug", "-version")

    def get_fields(self, request: HttpRequest, obj: ServiceVersion | None = None) -> Any:
        return (*STORED_FIELDS, "source") if obj is not None else ("source",)

    def get_readonly_fields(self, request: HttpRequest, obj: ServiceVersion | None = None) -> Any:
        return STORED_FIELDS if obj is not None else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: ServiceVersion, form: Any, change: bool
    ) -> None:
        assert form.service is not None  # the form is valid
        published = service_version_publish(service=form.service, actor=request.user)
        start_pages_forget()
        # The admin goes on with `obj` (its log entry, the page it redirects
        # to): make it the new version, never a changed old one.
        for field in ServiceVersion._meta.concrete_fields:
            setattr(obj, field.attname, getattr(published, field.attname))
        obj._state.adding = False

    def response_add(
        self, request: HttpRequest, obj: ServiceVersion, post_url_continue: str | None = None
    ) -> HttpResponse:
        return self._published(request, obj)

    def response_change(self, request: HttpRequest, obj: ServiceVersion) -> HttpResponse:
        return self._published(request, obj)

    def _published(self, request: HttpRequest, obj: ServiceVersion) -> HttpResponse:
        self.message_user(
            request,
            gettext("Published version %(version)s of %(slug)s. It is now the current version.")
            % {"version": obj.version, "slug": obj.slug},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:catalog_serviceversion_change", args=[obj.pk]))
