"""TOWNHALL_STORAGE=s3 puts stored files in an S3-compatible bucket through
django-storages, with the secret readable from a file; the bucket is required."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def settings_storages(tmp_path, **env) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TOWNHALL_")}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    code = "import json, townhall.settings as s; print(json.dumps(s.STORAGES['default']))"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "TOWNHALL_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_default_is_the_filesystem(tmp_path):
    result = settings_storages(tmp_path)
    assert json.loads(result.stdout) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_takes_bucket_endpoint_region_and_keys(tmp_path):
    secret = tmp_path / "s3-secret"
    secret.write_text("s3cr3t\n")
    result = settings_storages(
        tmp_path,
        TOWNHALL_STORAGE="s3",
        TOWNHALL_S3_BUCKET="riverside-records",
        TOWNHALL_S3_ENDPOINT_URL="https://s3.example.org",
        TOWNHALL_S3_REGION="eu-west-1",
        TOWNHALL_S3_ACCESS_KEY_ID="AKIAEXAMPLE",
        TOWNHALL_S3_SECRET_ACCESS_KEY_FILE=str(secret),
    )
    assert result.returncode == 0, result.stderr
    storage = json.loads(result.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "riverside-records",
        "endpoint_url": "https://s3.example.org",
        "region_name": "eu-west-1",
        "access_key": "AKIAEXAMPLE",
        "secret_key": "s3cr3t",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }


def test_s3_without_a_bucket_is_one_clear_line(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TOWNHALL_")}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "townhall.cli", "check"],
        env={**clean, "TOWNHALL_DATA_DIR": str(tmp_path), "TOWNHALL_STORAGE": "s3"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "townhall: configuration error: TOWNHALL_S3_BUCKET must be set"
