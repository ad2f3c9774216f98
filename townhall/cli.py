"""The `townhall` console command.

It runs Django's management commands (`townhall migrate`, `townhall demo`,
`townhall ledger verify`…). Each app offers its public commands as one
management command named after the app, with sub-commands.
"""

from __future__ import annotations

import os
import sys


def _configuration_error() -> str | None:
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 - forces the settings module to load
    except ImproperlyConfigured as exc:
        return str(exc)
    return None


def main(argv: list[str] | None = None, prog: str = "townhall") -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townhall.settings")
    args = sys.argv[1:] if argv is None else argv
    problem = _configuration_error()
    if problem:
        print(f"{prog}: configuration error: {problem}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line([prog, *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
