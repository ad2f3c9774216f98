"""Demo accounts for `townhall demo`.

Passwords and TOTP secrets are made per installation and kept in
DATA_DIR/demo-accounts.json (mode 0600) so that running the demo again
prints the same credentials; nothing secret is fixed in the code.
"""

from __future__ import annotations

import json
import os
import secrets
from base64 import b32encode
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from townhall.accounts.models import User
from townhall.accounts.services import user_roles_set

# (local part, role, full name). Role "resident" means no staff group.
DEMO_PEOPLE = (
    ("resident", "resident", "Rosa Martínez"),
    ("resident2", "resident", "Sam Okafor"),
    ("caseworker", "caseworker", "Claire Dubois"),
    ("manager", "manager", "Miguel Herrera"),
    ("operator", "safety_operator", "Priya Nair"),
    ("admin", "administrator", "Alex Morgan"),
)


def _credentials_path() -> Path:
    return Path(settings.DATA_DIR) / "demo-accounts.json"


def _read_credentials() -> dict[str, str]:
    try:
        return dict(json.loads(_credentials_path().read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        return {}


def _write_credentials(passwords: dict[str, str]) -> None:
    path = _credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(passwords, handle, indent=2, sort_keys=True)


def totp_secret(device: TOTPDevice) -> str:
    """The base32 secret an authenticator app asks for."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


@transaction.atomic
def load() -> list[dict[str, Any]]:
    passwords = _read_credentials()
    accounts = []
    for local, role, name in DEMO_PEOPLE:
        email = f"{local}@{settings.DEMO_EMAIL_DOMAIN}"
        password = passwords.get(email) or secrets.token_urlsafe(12)
        passwords[email] = password
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, password, full_name=name, email_verified_at=timezone.now()
            )
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        is_admin = role == "administrator"
        if user.is_staff != is_admin or user.is_superuser != is_admin:
            user.is_staff = user.is_superuser = is_admin
            user.save(update_fields=["is_staff", "is_superuser"])
        user_roles_set(user=user, roles=[] if role == "resident" else [role])
        account: dict[str, Any] = {"email": email, "role": role, "password": password}
        if role != "resident":
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
            account["totp_secret"] = totp_secret(device)
        accounts.append(account)
    _write_credentials(passwords)
    return accounts
