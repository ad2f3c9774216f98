from django.urls import URLPattern, path

from townhall.analytics import api_ckan, views, views_hotspots, views_opendata

app_name = "analytics"
_pb = "open-data/pb/<slug:process>/<slug:district>/"

urlpatterns: list[URLPattern] = [
    path("performance/", views.performance_index, name="index"),
    path("performance/<slug:slug>/", views.performance_service, name="service"),
    path("performance/<slug:slug>/data.csv", views.performance_csv, name="service-csv"),
    path("api/3/action/<str:name>", api_ckan.action, name="ckan-action"),
    path("api/action/<str:name>", api_ckan.action, name="ckan-action-unversioned"),
    path("open-data/catalog.jsonld", api_ckan.dcat, name="dcat"),
    path(
        "open-data/service-performance/<slug:slug>.json",
        views_opendata.service_json,
        name="open-service-json",
    ),
    path(f"{_pb}results.csv", views_opendata.pb_results_csv, name="open-pb-results-csv"),
    path(f"{_pb}results.json", views_opendata.pb_results_json, name="open-pb-results-json"),
    path(f"{_pb}ballots.csv", views_opendata.pb_ballots_csv, name="open-pb-ballots-csv"),
    path(f"{_pb}ballots.json", views_opendata.pb_ballots_json, name="open-pb-ballots-json"),
    path(
        "open-data/hotspots.geojson", views_opendata.hotspots_geojson, name="open-hotspots-geojson"
    ),
    path("open-data/hotspots.csv", views_opendata.hotspots_csv, name="open-hotspots-csv"),
    path("open-data/hotspots.json", views_opendata.hotspots_json, name="open-hotspots-json"),
    path("open-data/ledger-checkpoints.csv", views_opendata.ledger_csv, name="open-ledger-csv"),
    path("open-data/ledger-checkpoints.json", views_opendata.ledger_json, name="open-ledger-json"),
    path("open-data/sensors.geojson", views_opendata.sensors_geojson, name="open-sensors-geojson"),
    path(
        "open-data/sensor-readings-hourly.csv",
        views_opendata.sensor_hours_csv,
        name="open-sensor-hours-csv",
    ),
    path(
        "open-data/sensor-readings-hourly.json",
        views_opendata.sensor_hours_json,
        name="open-sensor-hours-json",
    ),
    path("staff/analytics/hotspots/", views_hotspots.hotspots, name="staff-hotspots"),
    path("staff/analytics/", views.staff_dashboard, name="staff-dashboard"),
    path("staff/analytics/<slug:slug>/", views.staff_service, name="staff-service"),
    path("staff/analytics/<slug:slug>/figures/", views.staff_figures, name="staff-figures"),
    path("staff/analytics/<slug:slug>/data.csv", views.staff_csv, name="staff-service-csv"),
]
