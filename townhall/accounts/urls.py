from django.urls import path
from django.views.generic import TemplateView

from townhall.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("edit/", views.profile_edit, name="profile-edit"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("sign-up/", views.sign_up, name="sign-up"),
    path("sign-up/check-email/", views.check_email, name="check-email"),
    path("verify/<str:uidb64>/<str:token>/", views.verify_email, name="verify-email"),
    path("verify/resend/", views.resend_verification, name="verify-resend"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        TemplateView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path(
        "password/reset/<str:uidb64>/<str:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/done/",
        TemplateView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
]
