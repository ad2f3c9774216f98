from django.urls import path

from townhall.safety.api import ReadingsIngestApi

urlpatterns = [
    path("safety/readings", ReadingsIngestApi.as_view(), name="api-safety-readings"),
]
