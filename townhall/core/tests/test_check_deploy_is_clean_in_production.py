import os
import subprocess
import sys


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TOWNHALL_")}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    env = {
        **clean,
        "TOWNHALL_ENV": "production",
        "TOWNHALL_SECRET_KEY": "k" + "-".join(["Zq8", "vW3", "pL0", "xR7"]) * 8,
        "TOWNHALL_ALLOWED_HOSTS": "services.riverside.example",
        "TOWNHALL_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "townhall.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_turns_on_the_secure_settings(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TOWNHALL_")}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "townhall.settings",
        "TOWNHALL_ENV": "production",
        "TOWNHALL_SECRET_KEY": "s" * 64,
        "TOWNHALL_ALLOWED_HOSTS": "example.org",
        "TOWNHALL_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "False"], result.stderr
