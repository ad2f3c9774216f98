from django.urls import path

from townhall.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.catalogue, name="index"),
    path("topics/<slug:topic>/", views.topic, name="topic"),
    # /services/<slug>/ is a public contract (DESIGN.md): keep it stable.
    path("<slug:slug>/", views.start, name="start"),
    path("<slug:slug>/check/", views.check, name="check"),
]
