"""The applications API, under /api/v1/ (see townhall/api_urls.py)."""

from django.urls import URLPattern, URLResolver, path

from townhall.cases import api, api_casework

urlpatterns: list[URLPattern | URLResolver] = [
    path("applications/", api.ApplicationCreateApi.as_view(), name="api-applications-create"),
    path("applications/<str:reference>/", api.ApplicationApi.as_view(), name="api-application"),
    path(
        "applications/<str:reference>/submit",
        api.ApplicationSubmitApi.as_view(),
        name="api-application-submit",
    ),
    path(
        "applications/<str:reference>/documents/<str:question_id>",
        api.ApplicationDocumentUploadApi.as_view(),
        name="api-application-document-upload",
    ),
]

urlpatterns += [
    path("cases/", api_casework.CaseListApi.as_view(), name="api-cases"),
    path("cases/<str:reference>/", api_casework.CaseDetailApi.as_view(), name="api-case"),
    path(
        "cases/<str:reference>/transition",
        api_casework.CaseTransitionApi.as_view(),
        name="api-case-transition",
    ),
]
