"""Fixtures shared by every app's tests: named people, so that permission
tests read like sentences (a resident, another resident, a caseworker…)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parent.parent / "shared" / "data"
PASSWORD = "correct horse battery staple 42"


def shared_data(*parts: str) -> Path:
    """A file under ../shared/data, or a skip (a failure when CI=true)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the checkout")
        pytest.skip(f"{path} is absent (../shared/data is not beside this checkout)")
    return path


def make_user(email: str, *, roles: tuple[str, ...] = (), superuser: bool = False, **extra):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from townhall.accounts.models import User

    user = User.objects.create_user(
        email,
        PASSWORD,
        full_name=extra.pop("full_name", email.split("@")[0].title()),
        email_verified_at=timezone.now(),
        is_staff=superuser,
        is_superuser=superuser,
        **extra,
    )
    if roles:
        user.groups.add(*(Group.objects.get_or_create(name=role)[0] for role in roles))
        user.__dict__.pop("roles", None)
    if roles or superuser:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def totp_now(user) -> str:
    """The code the person's authenticator app would show right now."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture(autouse=True)
def fresh_service_versions():
    """Each test starts with an empty database, where a primary key may name
    another service version than in the test before: forget the per-process
    copies (catalog.selectors.service_version_by_pk)."""
    from townhall.catalog.selectors import _version_by_pk

    _version_by_pk.cache_clear()
    yield
    _version_by_pk.cache_clear()


@pytest.fixture
def resident(db):
    return make_user("resident@example.org", full_name="Rosa Resident")


@pytest.fixture
def other_resident(db):
    return make_user("other@example.org", full_name="Omar Other")


@pytest.fixture
def caseworker(db):
    return make_user("caseworker@example.org", roles=("caseworker",), full_name="Cara Caseworker")


@pytest.fixture
def manager(db):
    return make_user("manager@example.org", roles=("manager",), full_name="Mani Manager")


@pytest.fixture
def operator(db):
    return make_user("operator@example.org", roles=("safety_operator",), full_name="Otto Operator")


@pytest.fixture
def admin_user(db):
    return make_user(
        "admin@example.org", roles=("administrator",), superuser=True, full_name="Ada Admin"
    )


@pytest.fixture
def signed_in(client):
    """Sign a person in through the real forms, second factor included."""

    def sign_in(user):
        response = client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.content
        if user.is_staff_member:
            response = client.post("/account/sign-in/code/", {"code": totp_now(user)})
            assert response.status_code == 302, response.content
        return client

    return sign_in
