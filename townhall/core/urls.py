from django.urls import path

from townhall.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("contact/", views.contact, name="contact"),
    path("language/<str:code>/", views.language_set, name="language-set"),
    path("staff/", views.staff_home, name="staff-home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
