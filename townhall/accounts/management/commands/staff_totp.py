from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from townhall.accounts.demo import totp_secret
from townhall.accounts.models import User, normalise_email


class Command(BaseCommand):
    help = "Set up (or replace) a staff member's authenticator app and print its secret."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        email = normalise_email(options["email"])
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"no account has the email address {email}")
        if not user.is_staff_member:
            raise CommandError(f"{email} is not a staff member; residents do not use TOTP")
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        self.stdout.write(f"secret: {totp_secret(device)}")
        self.stdout.write(f"uri:    {device.config_url}")
