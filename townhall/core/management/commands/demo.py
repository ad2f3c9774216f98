from __future__ import annotations

import json
import signal
import subprocess
import sys
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from townhall.core.context_processors import service_name


def load_demo_data() -> list[dict[str, Any]]:
    """Run every app's demo loader (`townhall.<app>.demo.load`), accounts first.

    Each loader is idempotent: running the demo twice changes nothing.
    """
    from townhall.accounts import demo as accounts_demo

    # The demo's own applications send the usual messages; keep them off the
    # console while loading (they are still in each resident's in-app messages).
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        return _load_all(accounts_demo)


def _load_all(accounts_demo: Any) -> list[dict[str, Any]]:
    accounts = accounts_demo.load()
    for config in apps.get_app_configs():
        if not config.name.startswith("townhall.") or config.label == "accounts":
            continue
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        module.load()
    return accounts


class Command(BaseCommand):
    help = "Migrate, load the demo city and serve it on http://127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--accounts-json",
            action="store_true",
            help="Print the demo accounts as JSON and exit without serving.",
        )
        parser.add_argument("--no-serve", action="store_true", help="Load the demo data and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "townhall demo creates accounts with known passwords: it runs only with "
                "TOWNHALL_ENV=development"
            )
        if not 0 < options["port"] < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {options['port']}")
        call_command("migrate", interactive=False, verbosity=0)
        accounts = load_demo_data()
        if options["accounts_json"]:
            self.stdout.write(json.dumps(accounts, indent=2))
            return
        self._print_accounts(accounts)
        if options["no_serve"]:
            return
        host, port = options["host"], options["port"]
        self.stdout.write(f"\n{service_name()} is at http://{host}:{port}/ (Ctrl+C stops it)")
        # The worker runs beside the server, as in production: it sends queued
        # notifications and retries those that failed (docs/notify.md).
        worker = subprocess.Popen([sys.executable, "-m", "townhall.cli", "worker"])  # noqa: S603
        # The demo's sensors keep reporting while it runs, so the safety pages are live.
        replay = subprocess.Popen([sys.executable, "-m", "townhall.cli", "safety", "replay"])  # noqa: S603
        # SIGTERM (a process manager, `kill`) must also stop the worker, not orphan it.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)
        finally:
            for child in (worker, replay):
                child.terminate()
            for child in (worker, replay):
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()

    def _print_accounts(self, accounts: list[dict[str, Any]]) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING("Demo accounts"))
        width = max(len(a["email"]) for a in accounts)
        for account in accounts:
            line = f"  {account['email']:<{width}}  {account['role']:<16} {account['password']}"
            if "totp_secret" in account:
                line += f"  TOTP {account['totp_secret']}"
            self.stdout.write(line)
        self.stdout.write(
            "Staff sign in with a code from an authenticator app set up with the TOTP secret "
            "(`townhall demo --accounts-json` prints all of this as JSON)."
        )
