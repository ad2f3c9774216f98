"""Page throughput benchmark: a service's start page against a minimal Django view.

    .venv/bin/python bench/page_throughput_bench.py [--requests 3000] [--seconds 10]
        [--rounds 3] [--clients 4] [--path /services/building-permit/]

Builds a temporary SQLite database (WAL, the production settings), loads the
demo catalogue into it, and starts gunicorn with 2 workers on a free port of
127.0.0.1, serving Townhall with one extra, bench-only view: /bench/minimal,
a fixed "ok" behind the same middleware (bench/bench_urls.py, selected by
DJANGO_SETTINGS_MODULE=bench.bench_settings). A pool of client threads then
sends GET requests over keep-alive http.client connections, alternating
between the baseline and the page for --rounds rounds, each measurement
bounded by --requests requests and --seconds seconds.

It prints the requests per second of each and their ratio, and exits 1 when
the page makes less than half the baseline's (the DESIGN target), or when any
response is not a 200 with the expected content. Each worker keeps the page
it rendered for a visitor without a session for a few seconds (see
townhall.catalog.views.start), so the figure is that of the page as most
visitors get it; for information it also prints the rate of the page
rendered for every request (an address with a query string is never kept). The client shares the
machine with the server, as the baseline does, so the ratio is the figure to
compare from machine to machine, not the rates.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "/bench/minimal"
TARGET = 0.5
HOST = "127.0.0.1"


def _environment(directory: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TOWNHALL_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
            "PYTHONPATH": str(ROOT),
            "TOWNHALL_DATA_DIR": str(directory),
            "TOWNHALL_DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite3'}",
            "TOWNHALL_LEDGER_KEY_FILE": str(directory / "ledger.key"),
            "TOWNHALL_LOG_LEVEL": "WARNING",
        }
    )
    return env


def _prepare(env: dict[str, str]) -> None:
    """Migrate the temporary database and load the demo catalogue into it."""
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from townhall.catalog.services import service_definitions_load\n"
        "print(len(service_definitions_load().published), 'services loaded')\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _get(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path, headers={"Accept-Language": "en"})
    response = connection.getresponse()
    return response.status, response.read()


def _wait_until_up(port: int, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with code {server.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            status, _ = _get(connection, "/healthz")
            connection.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on {HOST}:{port} within {timeout:.0f} s")


def _check(port: int, path: str, expected: bytes) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    status, body = _get(connection, path)
    connection.close()
    if status != 200 or expected not in body:
        raise SystemExit(f"GET {path} answered {status} without {expected!r}")


def measure(port: int, path: str, *, requests: int, seconds: float, clients: int) -> float:
    """Requests per second for `path`: `requests` GETs at most, for `seconds` at most."""
    lock = threading.Lock()
    remaining = [requests]
    failures: list[str] = []
    deadline = time.monotonic() + seconds

    def client() -> int:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        done = 0
        try:
            while time.monotonic() < deadline:
                with lock:
                    if remaining[0] <= 0:
                        break
                    remaining[0] -= 1
                status, _ = _get(connection, path)
                if status != 200:
                    failures.append(f"GET {path} answered {status}")
                    break
                done += 1
        finally:
            connection.close()
        return done

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        done = sum(pool.map(lambda _: client(), range(clients)))
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(failures[0])
    return done / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="per measurement")
    parser.add_argument("--seconds", type=float, default=10.0, help="per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4, help="client threads")
    parser.add_argument("--path", default="/services/building-permit/")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="page-bench-") as directory:
        env = _environment(Path(directory))
        _prepare(env)
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "2",
                "--bind",
                f"{HOST}:{port}",
                "--log-level",
                "warning",
                "townhall.wsgi:application",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            _wait_until_up(port, server)
            _check(port, BASELINE, b"ok")
            _check(port, args.path, b"govuk-button--start")
            print(f"gunicorn, 2 workers, on {HOST}:{port}; {args.clients} client threads")
            # Warm both workers' caches (templates, parsed definitions) first.
            for path in (BASELINE, args.path):
                measure(port, path, requests=200, seconds=5, clients=args.clients)
            baseline_rates, page_rates, rendered_rates = [], [], []
            for _ in range(args.rounds):
                options = {
                    "requests": args.requests,
                    "seconds": args.seconds,
                    "clients": args.clients,
                }
                baseline_rates.append(measure(port, BASELINE, **options))
                page_rates.append(measure(port, args.path, **options))
                rendered_rates.append(measure(port, f"{args.path}?rendered=1", **options))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    baseline = sum(baseline_rates) / len(baseline_rates)
    page = sum(page_rates) / len(page_rates)
    rendered = sum(rendered_rates) / len(rendered_rates)
    ratio = page / baseline
    pairs = zip(page_rates, baseline_rates, strict=True)
    rounds = ", ".join(f"{p:,.0f}/{b:,.0f}" for p, b in pairs)
    print(f"minimal view {BASELINE}: {baseline:,.0f} requests/s")
    print(f"start page {args.path}: {page:,.0f} requests/s")
    print(f"rounds (page/minimal): {rounds}")
    print(
        f"for information, the page rendered for every request: {rendered:,.0f} requests/s "
        f"(ratio {rendered / baseline:.2f})"
    )
    ok = ratio >= TARGET
    print(f"ratio: {ratio:.2f} (target >= {TARGET}) {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
