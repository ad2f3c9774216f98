"""Everything under /api/v1/. Each app adds its API classes here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from townhall.accounts.api import TokenObtainApi

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("auth/token", TokenObtainApi.as_view(), name="api-auth-token"),
    path("", include("townhall.catalog.api_urls")),
    path("", include("townhall.cases.api_urls")),
    path("", include("townhall.assistant.api_urls")),
    path("", include("townhall.safety.api_urls")),
]
