from django.urls import URLPattern, URLResolver, path

from townhall.cases import views, views_applications, views_outcome

app_name = "cases"

# Names a service's page ids may not take: they are the journey's own steps.
RESERVED_PAGE_IDS = frozenset({"check", "declaration", "confirmation", "feedback"})

_apply = "services/<slug:slug>/apply/<str:reference>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("services/<slug:slug>/apply/", views.apply_start, name="apply-start"),
    path(_apply, views.apply_resume, name="apply-resume"),
    path(f"{_apply}check/", views.apply_check, name="apply-check"),
    path(f"{_apply}declaration/", views.apply_declaration, name="apply-declaration"),
    path(f"{_apply}confirmation/", views_outcome.apply_confirmation, name="apply-confirmation"),
    path(f"{_apply}not-eligible/", views_outcome.apply_not_eligible, name="apply-not-eligible"),
    path(f"{_apply}feedback/", views_outcome.apply_feedback, name="apply-feedback"),
    path(
        f"{_apply}feedback/thank-you/",
        views_outcome.apply_feedback_thanks,
        name="apply-feedback-thanks",
    ),
    path(f"{_apply}<str:page_id>/", views.apply_page, name="apply-page"),
    path("applications/", views_applications.applications_list, name="applications"),
    path(
        "applications/<str:reference>/",
        views_applications.application_detail,
        name="application-detail",
    ),
    path(
        "applications/<str:reference>/documents/<str:uid>/",
        views_applications.document_download,
        name="document",
    ),
]
