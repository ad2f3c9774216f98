import json
from io import StringIO

import pytest
from django.core.management import call_command

from townhall.accounts.models import User

EMAILS = {
    "resident@riverside.example": "resident",
    "resident2@riverside.example": "resident",
    "caseworker@riverside.example": "caseworker",
    "manager@riverside.example": "manager",
    "operator@riverside.example": "safety_operator",
    "admin@riverside.example": "administrator",
}


def _accounts() -> list[dict]:
    out = StringIO()
    call_command("demo", "--accounts-json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_it_creates_the_demo_people_with_their_roles(db, data_dir):
    accounts = _accounts()
    assert {a["email"]: a["role"] for a in accounts} == EMAILS
    for account in accounts:
        user = User.objects.get(email=account["email"])
        assert user.check_password(account["password"])
        assert ("totp_secret" in account) == (account["role"] != "resident")
        assert user.is_staff_member == (account["role"] != "resident")


def test_running_it_twice_changes_nothing(db, data_dir):
    first = _accounts()
    second = _accounts()
    assert first == second
    assert User.objects.count() == len(EMAILS)


def test_passwords_differ_between_installations(db, data_dir, tmp_path_factory, settings):
    first = _accounts()
    settings.DATA_DIR = tmp_path_factory.mktemp("elsewhere")
    second = _accounts()
    assert first[0]["password"] != second[0]["password"]
    assert (data_dir / "demo-accounts.json").stat().st_mode & 0o777 == 0o600


def test_it_refuses_to_run_in_production(db, settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="TOWNHALL_ENV=development"):
        call_command("demo", "--accounts-json")
