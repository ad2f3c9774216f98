from django.contrib import admin

from townhall.records.models import Record, RecordType


@admin.register(RecordType)
class RecordTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "retention_years", "retention_days"]
    search_fields = ["name", "slug"]


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    # Read-only: records change only through the services, which keep the
    # ledger and the retention dates right.
    list_display = ["__str__", "record_type", "application_reference", "created", "dispose_after"]
    list_filter = ["record_type", "text_source"]
    search_fields = ["uid", "application_reference", "sha256"]
    exclude = ["text"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
