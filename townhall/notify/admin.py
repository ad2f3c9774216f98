from django.contrib import admin

from townhall.notify.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("pk", "event", "channel", "recipient", "status", "attempts", "created_at")
    list_filter = ("status", "channel", "event")
    search_fields = ("key", "recipient__email")
    raw_id_fields = ("recipient",)
    # The outbox is written by services only: editing a row here would skip
    # the claim that keeps two workers from sending it twice.
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
