from django.urls import URLPattern, URLResolver, path

from townhall.engagement import views, views_staff, views_vote

app_name = "engagement"

_p = "participate/<slug:slug>/"
_d = f"{_p}districts/<slug:district_slug>/"
_s = "staff/participate/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("participate/", views.process_list, name="processes"),
    path(_p, views.process_detail, name="process"),
    path(f"{_p}propose/", views.propose, name="propose"),
    path(f"{_p}projects/<int:pk>/", views.project_detail, name="project"),
    path(f"{_p}projects/<int:pk>/photo/", views.project_photo, name="project-photo"),
    path(f"{_p}projects/<int:pk>/edit/", views.project_edit_view, name="project-edit"),
    path(f"{_p}projects/<int:pk>/support/", views.project_support, name="project-support"),
    path(f"{_p}projects/<int:pk>/comment/", views.project_comment, name="project-comment"),
    path(f"{_d}vote/", views_vote.vote, name="vote"),
    path(f"{_d}vote/receipt/", views_vote.receipt, name="receipt"),
    path(f"{_d}check/", views_vote.check, name="check"),
    path(f"{_d}receipts.txt", views_vote.receipts_txt, name="receipts"),
    path(f"{_d}results/", views_vote.results, name="results"),
    path(f"{_d}ballots.pb", views_vote.ballots_pb, name="ballots-pb"),
    # Staff.
    path(_s, views_staff.staff_index, name="staff-index"),
    path(f"{_s}<slug:slug>/", views_staff.staff_process, name="staff-process"),
    path(f"{_s}<slug:slug>/phase/", views_staff.staff_phase, name="staff-phase"),
    path(
        f"{_s}<slug:slug>/districts/<slug:district_slug>/count/",
        views_staff.staff_count,
        name="staff-count",
    ),
    path(
        f"{_s}<slug:slug>/districts/<slug:district_slug>/paper/",
        views_staff.staff_paper,
        name="staff-paper",
    ),
    path(
        f"{_s}<slug:slug>/paper/<uuid:ballot_id>/confirm/",
        views_staff.staff_paper_confirm,
        name="staff-paper-confirm",
    ),
    path(f"{_s}<slug:slug>/projects/<int:pk>/", views_staff.staff_project, name="staff-project"),
]
