from django.urls import path

from townhall.catalog.api import ServiceDetailApi, ServiceListApi

urlpatterns = [
    path("services/", ServiceListApi.as_view(), name="api-services"),
    path("services/<slug:slug>/", ServiceDetailApi.as_view(), name="api-service-detail"),
]
