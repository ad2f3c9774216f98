"""scripts/screenshot.py, which makes the README's pictures, captures a page
at 1280x900 with the browser tests' Chromium flags, and refuses error pages."""

from __future__ import annotations

import importlib.util
import struct
import subprocess
import sys
from pathlib import Path

from tests.e2e.browser import CHROMIUM_ARGS, browser_db, require_chromium

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshot.py"


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def test_it_uses_the_browser_tests_chromium_flags():
    spec = importlib.util.spec_from_file_location("screenshot", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.CHROMIUM_ARGS == CHROMIUM_ARGS


@browser_db
def test_it_writes_a_1280x900_png_of_the_page(live_server, tmp_path):
    require_chromium()
    output = tmp_path / "images" / "home.png"
    result = run_script(f"{live_server.url}/", str(output))
    assert result.returncode == 0, result.stderr
    assert png_size(output) == (1280, 900)


@browser_db
def test_it_fails_on_an_error_page(live_server, tmp_path):
    require_chromium()
    output = tmp_path / "missing.png"
    result = run_script(f"{live_server.url}/no-such-page/", str(output))
    assert result.returncode == 1
    assert "404" in result.stderr
    assert not output.exists()
