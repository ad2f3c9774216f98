from django.urls import path

from townhall.records import views

app_name = "records"

urlpatterns = [
    path("", views.record_search, name="search"),
    path("retention/", views.retention_due, name="retention"),
    path("retention/destroy/", views.retention_destroy, name="retention-destroy"),
    path("<str:uid>/", views.record_detail, name="detail"),
    path("<str:uid>/download/", views.record_download, name="download"),
]
