from django.urls import URLPattern, URLResolver, path

from townhall.cases import views, views_applications, views_letters, views_outcome, views_staff

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
    path(
        "applications/<str:reference>/withdraw/",
        views_applications.application_withdraw,
        name="application-withdraw",
    ),
    path(
        "applications/<str:reference>/messages/",
        views_applications.application_message,
        name="application-message",
    ),
    # The back office.
    path("staff/cases/", views_staff.queue, name="staff-queue"),
    path("staff/cases/assign/", views_staff.bulk_assign, name="staff-bulk-assign"),
    path("staff/cases/assist/", views_staff.assist, name="staff-assist"),
    path(
        "staff/cases/awaiting-confirmation/",
        views_staff.awaiting_confirmation,
        name="staff-awaiting",
    ),
    path("staff/cases/<str:reference>/", views_staff.case_detail, name="staff-case"),
    path("staff/cases/<str:reference>/claim/", views_staff.case_claim, name="staff-claim"),
    path("staff/cases/<str:reference>/assign/", views_staff.case_assign, name="staff-assign"),
    path(
        "staff/cases/<str:reference>/transition/",
        views_staff.case_transition,
        name="staff-transition",
    ),
    path(
        "staff/cases/<str:reference>/confirm/",
        views_staff.proposal_confirm,
        name="staff-confirm",
    ),
    path(
        "staff/cases/<str:reference>/return/",
        views_staff.proposal_return,
        name="staff-return",
    ),
    path("staff/cases/<str:reference>/notes/", views_staff.case_note, name="staff-note"),
    path("staff/cases/<str:reference>/messages/", views_staff.case_message, name="staff-message"),
    path(
        "staff/cases/<str:reference>/documents/<str:uid>/",
        views_staff.case_document,
        name="staff-document",
    ),
    # Decision letters (views_letters.py).
    path("applications/<str:reference>/letter/", views_letters.letter, name="letter"),
    path("applications/<str:reference>/letter.pdf", views_letters.letter_pdf, name="letter-pdf"),
    path("staff/cases/<str:reference>/letter/", views_letters.staff_letter, name="staff-letter"),
    path(
        "staff/cases/<str:reference>/letter.pdf",
        views_letters.staff_letter_pdf,
        name="staff-letter-pdf",
    ),
]
