"""Real files for the tests, built byte by byte: a PDF with a text layer,
one without (a "scan"), and images."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def pdf_with_text(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica, ASCII)."""
    stream_lines = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream_lines.append(f"({safe}) Tj T*")
    stream_lines.append("ET")
    stream = "\n".join(stream_lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def pdf_without_text() -> bytes:
    """A valid one-page PDF with nothing on the page, as a blank scan."""
    return pdf_with_text()


PNG_BLANK = (
    # An 1x1 white PNG: an image with no text in it.
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\r\xefF\xb8"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def require_tesseract() -> None:
    """Skip without Tesseract and pdftoppm, except in CI, where they must be installed."""
    missing = [tool for tool in ("tesseract", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        message = (
            f"{', '.join(missing)} not installed "
            "(apt-get install tesseract-ocr tesseract-ocr-eng poppler-utils)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def scanned_png(*lines: str) -> bytes:
    """A PNG picture of `lines` in large type: a PDF with the text rendered by
    pdftoppm, so the image has pixels and no text layer."""
    require_tesseract()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", "-", f"{folder}/scan"],
            input=pdf_with_text(*lines),
            capture_output=True,
            check=True,
            timeout=60,
        )
        return (Path(folder) / "scan.png").read_bytes()
