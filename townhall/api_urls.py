"""Everything under /api/v1/. Each app adds its API classes here."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from townhall.accounts.api import TokenObtainApi

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("auth/token", TokenObtainApi.as_view(), name="api-auth-token"),
]
