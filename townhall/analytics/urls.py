from django.urls import URLPattern, path

from townhall.analytics import api_ckan, views, views_hotspots

app_name = "analytics"

urlpatterns: list[URLPattern] = [
    path("performance/", views.performance_index, name="index"),
    path("performance/<slug:slug>/", views.performance_service, name="service"),
    path("performance/<slug:slug>/data.csv", views.performance_csv, name="service-csv"),
    path("api/3/action/<str:name>", api_ckan.action, name="ckan-action"),
    path("api/action/<str:name>", api_ckan.action, name="ckan-action-unversioned"),
    path("open-data/catalog.jsonld", api_ckan.dcat, name="dcat"),
    path("staff/analytics/hotspots/", views_hotspots.hotspots, name="staff-hotspots"),
    path("staff/analytics/", views.staff_dashboard, name="staff-dashboard"),
    path("staff/analytics/<slug:slug>/", views.staff_service, name="staff-service"),
    path("staff/analytics/<slug:slug>/figures/", views.staff_figures, name="staff-figures"),
    path("staff/analytics/<slug:slug>/data.csv", views.staff_csv, name="staff-service-csv"),
]
