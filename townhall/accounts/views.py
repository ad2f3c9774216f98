from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from townhall.accounts.forms import ProfileForm, SecondFactorForm, SignInForm, SignUpForm
from townhall.accounts.services import (
    email_verification_send,
    user_email_verify,
    user_profile_update,
    user_sign_up,
)
from townhall.core.context_processors import service_name
from townhall.core.i18n import language_remember

PENDING_KEY = "townhall_second_factor"
PENDING_SECONDS = 300
MAX_CODE_ATTEMPTS = 5


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST or None)
    next_url = _safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if not user.is_staff_member:
            login(request, user)
            return HttpResponseRedirect(next_url)
        # Staff are not signed in until they also give a code from their
        # authenticator: the session only remembers who is half-way through.
        request.session.cycle_key()
        request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "next": next_url,
            "since": time.time(),
            "attempts": 0,
        }
        return redirect("accounts:sign-in-code")
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Your sign-in timed out. Enter your email and password again."))
        return redirect("accounts:sign-in")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return redirect("accounts:sign-in")
    if not user_has_device(user):
        request.session.pop(PENDING_KEY, None)
        return render(request, "accounts/no_second_factor.html", {"email": user.email}, status=403)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            request.session.pop(PENDING_KEY, None)
            user.backend = pending["backend"]
            login(request, user)
            otp_login(request, device)
            return HttpResponseRedirect(pending["next"])
        pending["attempts"] += 1
        if pending["attempts"] >= MAX_CODE_ATTEMPTS:
            request.session.pop(PENDING_KEY, None)
            messages.error(request, _("Too many wrong codes. Start signing in again."))
            return redirect("accounts:sign-in")
        request.session[PENDING_KEY] = pending
        form.add_error("code", _("The code is not right. Check your app and try again."))
    return render(request, "accounts/sign_in_code.html", {"form": form})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    initial = {"preferred_language": request.LANGUAGE_CODE}
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user_sign_up(
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password"],
            language=form.cleaned_data["preferred_language"],
        )
        request.session["townhall_signed_up_email"] = form.cleaned_data["email"]
        return redirect("accounts:check-email")
    return render(request, "accounts/sign_up.html", {"form": form})


@require_http_methods(["GET"])
def check_email(request: HttpRequest) -> HttpResponse:
    email = request.session.get("townhall_signed_up_email")
    return render(request, "accounts/check_email.html", {"email": email})


@require_http_methods(["GET"])
def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user_model = get_user_model()
    try:
        user = user_model.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, user_model.DoesNotExist):
        user = None
    if user is None or not user_email_verify(user=user, token=token):
        return render(request, "accounts/verify_email_failed.html", status=400)
    messages.success(request, _("Your email address is confirmed."))
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    return redirect("accounts:sign-in")


@login_required
@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    if not request.user.email_verified:
        email_verification_send(user=request.user)
    messages.success(request, _("We have sent you a new link. Check your email."))
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET"])
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    # The form works on a copy so a failed validation never leaves the
    # signed-in user object half-changed for the rest of the request.
    form = ProfileForm(
        request.POST or None, instance=get_user_model().objects.get(pk=request.user.pk)
    )
    if request.method == "POST" and form.is_valid():
        user_profile_update(user=request.user, changes=form.cleaned_data)
        messages.success(request, _("Your details have been saved."))
        response = redirect("accounts:profile")
        language_remember(response, request.user.preferred_language)
        return response
    return render(request, "accounts/profile_edit.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    @property
    def extra_email_context(self) -> dict[str, str]:  # type: ignore[override]
        # Computed per request: the service name is in the visitor's language.
        return {"site_url": settings.SITE_URL, "service_name": service_name()}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)
