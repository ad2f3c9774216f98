import os
import subprocess
import sys

import pytest

CASES = [
    ({"TOWNHALL_DEBUG": "perhaps"}, "TOWNHALL_DEBUG must be true or false"),
    ({"TOWNHALL_ENV": "staging"}, "TOWNHALL_ENV must be one of development, production"),
    ({"TOWNHALL_ENV": "production"}, "TOWNHALL_SECRET_KEY must be set"),
    ({"TOWNHALL_EMAIL_PORT": "twenty-five"}, "TOWNHALL_EMAIL_PORT must be a whole number"),
    ({"TOWNHALL_DATABASE_URL": "mysql://x@y/z"}, "TOWNHALL_DATABASE_URL must be a sqlite://"),
    ({"TOWNHALL_DATABASE_URL": "nonsense"}, "TOWNHALL_DATABASE_URL is not a database URL"),
    ({"TOWNHALL_SECRET_KEY_FILE": "/nonexistent/key"}, "TOWNHALL_SECRET_KEY_FILE: cannot read"),
    (
        {"TOWNHALL_ENV": "production", "TOWNHALL_SECRET_KEY": "x" * 60},
        "TOWNHALL_ALLOWED_HOSTS must be set",
    ),
]


@pytest.mark.parametrize(("env", "message"), CASES)
def test_it_names_the_variable_in_one_line(env, message, tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TOWNHALL_")}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "townhall.cli", "check"],
        env={**clean, "TOWNHALL_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert lines[0].startswith("townhall: configuration error:")
