"""Case queue benchmark: the staff queue page with 100,000 cases.

    .venv/bin/python bench/case_queue_bench.py [--cases 100000] [--requests 200]

Builds a fresh SQLite database (WAL, the production settings) in a temporary
folder with the demo catalogue, teams, and --cases submitted applications
spread over every service, state, due date and assignee; then a caseworker,
signed in with their second factor, asks for queue pages through Django's
full request path (middleware, view, template) with the filters staff use
most. Prints the p50/p95 of each and, as the baseline measured in the same
run, a request for a minimal page through the same path. Exits 1 if any p95
reaches 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

P95_TARGET_MS = 100.0


def _setup(directory: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "townhall.settings",
            "TOWNHALL_DATA_DIR": str(directory),
            "TOWNHALL_DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite3'}",
            "TOWNHALL_LEDGER_KEY_FILE": str(directory / "ledger.key"),
            "TOWNHALL_DATA_KEY_FILE": str(directory / "data.key"),
            "TOWNHALL_LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _fill(count: int) -> tuple[object, object]:
    """The demo catalogue and teams, `count` cases; returns (caseworker, resident)."""
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from tqdm import tqdm

    from townhall.accounts.models import User
    from townhall.cases import demo as cases_demo
    from townhall.cases.models import Application
    from townhall.catalog.selectors import services_current
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()
    staff = []
    for email, role in (("cw@example.org", "caseworker"), ("mgr@example.org", "manager")):
        user = User.objects.create_user(email, "bench password 123", full_name=role.title())
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        staff.append(user)
    residents = [
        User.objects.create_user(f"r{i}@example.org", "bench password 123", full_name=f"R {i}")
        for i in range(50)
    ]
    cases_demo.load()
    versions = services_current()
    states = ["submitted", "in_review", "info_requested", "approved", "closed", "withdrawn"]
    weights = [30, 30, 10, 10, 15, 5]
    sla = ["on_track", "at_risk", "overdue"]
    rng = random.Random(7)
    today = date(2026, 11, 26)
    batch = 5000
    with tqdm(total=count, desc="cases", unit="case") as progress:
        for start in range(0, count, batch):
            rows = []
            for i in range(start, min(count, start + batch)):
                version = rng.choice(versions)
                status = rng.choices(states, weights)[0]
                rows.append(
                    Application(
                        reference=f"RIV-2026-{i + 1:06d}",
                        applicant=rng.choice(residents),
                        service_version=version,
                        service_slug=version.slug,
                        status=status,
                        answers={"note": "x"},
                        submitted_at=None,
                        due_date=today + timedelta(days=rng.randint(-20, 60)),
                        sla_state=rng.choice(sla),
                        assignee=rng.choice([None, None, *staff]),
                    )
                )
            with transaction.atomic():
                Application.objects.bulk_create(rows)
            progress.update(len(rows))
    return staff[0], residents[0]


def _client(user: object) -> object:
    from django.test import Client
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client(HTTP_HOST="127.0.0.1")
    response = client.post(
        "/account/sign-in/", {"username": user.email, "password": "bench password 123"}
    )
    assert response.status_code == 302, response.content[:500]
    device = TOTPDevice.objects.get(user=user)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post("/account/sign-in/code/", {"code": code})
    assert response.status_code == 302, response.content[:500]
    return client


def _time(client: object, url: str, requests: int) -> tuple[float, float]:
    for _ in range(5):
        assert client.get(url).status_code == 200
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="townhall-queue-bench-") as folder:
        _setup(Path(folder))
        caseworker, _resident = _fill(args.cases)
        client = _client(caseworker)
        urls = {
            "minimal page (/healthz, baseline)": "/healthz",
            "queue, all my services": "/staff/cases/",
            "queue, one service": "/staff/cases/?service=building-permit",
            "queue, overdue, newest first": "/staff/cases/?sla=overdue&sort=-submitted",
            "queue, mine": "/staff/cases/?assignee=me",
            "queue, page 200": "/staff/cases/?page=200",
        }
        failed = False
        print(f"{args.cases:,} cases, {args.requests} requests each")
        for label, url in urls.items():
            p50, p95 = _time(client, url, args.requests)
            verdict = ""
            if url != "/healthz":
                verdict = "ok" if p95 < P95_TARGET_MS else "MISSED"
                failed |= p95 >= P95_TARGET_MS
            print(f"  {label:<36} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
