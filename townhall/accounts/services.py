from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from townhall.accounts.models import User, normalise_email
from townhall.accounts.tokens import email_verification_token
from townhall.core.context_processors import service_name


def _send(*, user: User, template: str, context: dict[str, object]) -> None:
    # Messages go out in the language the person chose, whatever page they
    # were on when the message was triggered.
    with translation.override(user.preferred_language):
        context = {"user": user, "site_url": settings.SITE_URL, **context}
        context["service_name"] = service_name()
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def email_verification_send(*, user: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    link = settings.SITE_URL + reverse("accounts:verify-email", args=[uid, token])
    _send(user=user, template="verify_email", context={"link": link})


def user_sign_up(*, full_name: str, email: str, password: str, language: str) -> User | None:
    """Create a resident account and send the confirmation link.

    When the address already has an account nothing is created and its owner
    is told by email instead, so the form never reveals who has an account.
    Returns the new user, or None when the address was taken.
    """
    email = normalise_email(email)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        _send(user=existing, template="already_registered", context={})
        return None
    with transaction.atomic():
        user = User.objects.create_user(
            email, password, full_name=full_name.strip(), preferred_language=language
        )
    email_verification_send(user=user)
    return user


def user_email_verify(*, user: User, token: str) -> bool:
    if user.email_verified:
        return True
    if not email_verification_token.check_token(user, token):
        return False
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return True


def user_profile_update(*, user: User, changes: dict[str, object]) -> User:
    fields = [name for name, value in changes.items() if getattr(user, name) != value]
    for name in fields:
        setattr(user, name, changes[name])
    if fields:
        user.save(update_fields=fields)
    return user


@transaction.atomic
def user_roles_set(*, user: User, roles: list[str]) -> None:
    from townhall.accounts.roles import STAFF_ROLES

    unknown = sorted(set(roles) - set(STAFF_ROLES))
    if unknown:
        raise ValueError(f"unknown role: {', '.join(unknown)}")
    user.groups.remove(*Group.objects.filter(name__in=STAFF_ROLES).exclude(name__in=roles))
    user.groups.add(*Group.objects.filter(name__in=roles))
    user.__dict__.pop("roles", None)
