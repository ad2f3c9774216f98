from __future__ import annotations

import secrets
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from townhall.accounts.roles import STAFF_ROLES


def _new_pseudonym() -> str:
    return secrets.token_hex(16)


class UserQuerySet(models.QuerySet["User"]):
    def staff_members(self) -> UserQuerySet:
        return self.filter(
            models.Q(groups__name__in=STAFF_ROLES) | models.Q(is_staff=True)
        ).distinct()

    def residents(self) -> UserQuerySet:
        return self.exclude(groups__name__in=STAFF_ROLES).filter(is_staff=False)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


def normalise_email(email: str) -> str:
    # Mailbox names are case-sensitive in theory and never in practice; one
    # spelling per person keeps sign-in and uniqueness simple.
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("mobile phone number"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    contact_by_email = models.BooleanField(_("contact me by email"), default=True)
    contact_by_sms = models.BooleanField(_("contact me by text message"), default=False)
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    # A stable, meaningless id that names the account in public records such
    # as the ledger without revealing who it is.
    pseudonym = models.CharField(max_length=32, unique=True, default=_new_pseudonym, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("can use the admin site"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def roles(self) -> list[str]:
        # Asked several times a request (menus, permission checks): read once
        # per loaded user. accounts.services.user_roles_set forgets it.
        return sorted(g.name for g in self.groups.all() if g.name in STAFF_ROLES)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_staff_member(self) -> bool:
        """Staff sign in with a second factor; residents do not."""
        return self.is_staff or self.is_superuser or bool(self.roles)

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None
