from django.urls import URLPattern, path

from townhall.privacy import views

app_name = "privacy"

urlpatterns: list[URLPattern] = [
    path("who-looked-at-my-data/", views.access_log, name="access-log"),
]
