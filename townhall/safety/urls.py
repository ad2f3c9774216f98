from django.urls import URLPattern, path

from townhall.safety import views, views_staff, views_staff_registry, views_staff_warnings

app_name = "safety"

urlpatterns: list[URLPattern] = [
    path("safety/", views.index, name="index"),
    path("safety/warnings/<str:reference>/", views.warning_detail, name="warning"),
    path("account/warnings/", views.subscriptions, name="subscriptions"),
    path("staff/safety/", views_staff.live, name="staff-live"),
    path("staff/safety/live/", views_staff.live_fragment, name="staff-live-fragment"),
    path("staff/safety/incidents/new", views_staff.incident_new, name="staff-incident-new"),
    path(
        "staff/safety/incidents/<str:reference>/",
        views_staff.incident_detail,
        name="staff-incident",
    ),
    path("staff/safety/map/", views_staff.city_map, name="staff-map"),
    path("staff/safety/map/city.geojson", views_staff.city_geojson_view, name="staff-map-city"),
    path("staff/safety/map/features.json", views_staff.map_features, name="staff-map-features"),
    path("staff/safety/sensors/", views_staff.sensor_list, name="staff-sensors"),
    path(
        "staff/safety/sensors/import",
        views_staff_registry.registry_import,
        name="staff-sensors-import",
    ),
    path(
        "staff/safety/sensors/export.<str:fmt>",
        views_staff_registry.registry_download,
        name="staff-sensors-export",
    ),
    path("staff/safety/sensors/<str:code>/", views_staff.sensor_detail, name="staff-sensor"),
    path("staff/safety/response-times/", views_staff.response_times, name="staff-response-times"),
    path(
        "staff/safety/response-times.csv",
        views_staff.response_times_csv,
        name="staff-response-times-csv",
    ),
    path("staff/safety/warnings/", views_staff_warnings.warning_list, name="staff-warnings"),
    path("staff/safety/warnings/new", views_staff_warnings.warning_new, name="staff-warning-new"),
    path(
        "staff/safety/warnings/<str:reference>/",
        views_staff_warnings.warning_detail,
        name="staff-warning",
    ),
    path(
        "staff/safety/warnings/<str:reference>/withdraw",
        views_staff_warnings.warning_withdraw_view,
        name="staff-warning-withdraw",
    ),
]
