from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

# The admin site demands a verified second factor, like every staff page.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("", include("townhall.core.urls")),
    path("account/", include("townhall.accounts.urls")),
    path("account/", include("townhall.privacy.urls")),
    path("ledger/", include("townhall.ledger.urls")),
    path("", include("townhall.notify.urls")),  # /account/messages/, /staff/notifications/
    path("staff/records/", include("townhall.records.urls")),
    path("services/", include("townhall.catalog.urls")),
    path("", include("townhall.cases.urls")),
    path("", include("townhall.engagement.urls")),  # /participate/, /staff/participate/
    path("", include("townhall.analytics.urls")),  # /performance/, /staff/analytics/
    path("", include("townhall.assistant.urls")),  # /assistant/, /help/, /staff/assistant/
    path("", include("townhall.safety.urls")),  # /safety/, /staff/safety/
    path("api/v1/", include("townhall.api_urls")),
    path("admin/", admin.site.urls),
]

handler403 = "townhall.core.views.forbidden"
handler404 = "townhall.core.views.not_found"
handler500 = "townhall.core.views.server_error"
