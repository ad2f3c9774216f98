"""What a record's file is and what text it holds. No Django.

The kind comes from the file's first bytes (townhall.cases.filetypes for PDF,
PNG and JPEG, plus TIFF, which scanners write, and plain UTF-8 text). Text
comes from the PDF's own text layer (pypdf) or, for images and PDFs without
one, from the `tesseract` binary when it is installed; a PDF is turned into
page images for it by `pdftoppm` (poppler-utils). Without those programs a
scan simply has no text, and the caller says so.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from townhall.cases.filetypes import detect_type

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
    "text": "text/plain",
}
IMAGE_KINDS = frozenset({"png", "jpeg", "tiff"})
OCR_TIMEOUT_SECONDS = 300
# A PDF whose text layer holds fewer letters than this per page is a scan
# with, at most, a stray header line; OCR reads it better.
MIN_LETTERS_PER_PAGE = 20


class UnreadableFile(ValueError):
    """A file that is not a record Townhall can keep, with a message saying why."""


@dataclass(frozen=True)
class Extracted:
    kind: str
    text: str
    source: str  # "pdf", "ocr", "text" or "none"


def detect_kind(content: bytes) -> str | None:
    """ "pdf", "png", "jpeg", "tiff" or "text" from the bytes, else None."""
    found = detect_type(content[:16])
    if found:
        return found
    if content[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if b"\x00" in content[:8192]:
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text"


def ocr_available() -> bool:
    return shutil.which("tesseract") is not None


def pdf_ocr_available() -> bool:
    return ocr_available() and shutil.which("pdftoppm") is not None


def extract(content: bytes, *, ocr_languages: str = "eng") -> Extracted:
    """The kind and text of a file; UnreadableFile if it is none Townhall keeps."""
    if not content:
        raise UnreadableFile("the file is empty")
    kind = detect_kind(content)
    if kind is None:
        raise UnreadableFile("it is not a PDF, a PNG, JPEG or TIFF image, or a UTF-8 text file")
    if kind == "text":
        text = _clean(content.decode("utf-8"))
        return Extracted(kind, text, "text" if text else "none")
    if kind == "pdf":
        text, pages = pdf_text(content)
        if text and _letters(text) >= MIN_LETTERS_PER_PAGE * max(pages, 1):
            return Extracted(kind, text, "pdf")
        if pdf_ocr_available():
            scanned = _clean(_ocr_pdf(content, ocr_languages))
            if scanned:
                return Extracted(kind, scanned, "ocr")
        return Extracted(kind, text, "pdf" if text else "none")
    if ocr_available():
        text = _clean(ocr_image(content, ocr_languages))
        return Extracted(kind, text, "ocr" if text else "none")
    return Extracted(kind, "", "none")


def pdf_text(content: bytes) -> tuple[str, int]:
    """The text layer of a PDF and its number of pages."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise UnreadableFile("the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFile(f"the PDF cannot be read ({exc})") from None
    return _clean("\n\n".join(pages)), len(pages)


def ocr_image(content: bytes, languages: str) -> str:
    # The bytes go through stdin and the text comes back on stdout: nothing
    # with personal data is written to a shared temporary folder.
    program = shutil.which("tesseract")
    if program is None:
        return ""
    try:
        # The program is found on PATH once; the languages are checked in settings.
        result = subprocess.run(  # noqa: S603
            [program, "stdin", "stdout", "-l", languages],
            input=content,
            capture_output=True,
            timeout=OCR_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        logger.warning("OCR failed: %s", exc)
        return ""
    if result.returncode != 0:
        logger.warning("OCR failed: %s", result.stderr.decode("utf-8", "replace")[:500])
        return ""
    return result.stdout.decode("utf-8", "replace")


def _ocr_pdf(content: bytes, languages: str) -> str:
    program = shutil.which("pdftoppm")
    if program is None:
        return ""
    with tempfile.TemporaryDirectory(prefix="townhall-ocr-") as folder:
        try:
            subprocess.run(  # noqa: S603
                [program, "-r", "300", "-gray", "-png", "-", str(Path(folder) / "page")],
                input=content,
                capture_output=True,
                timeout=OCR_TIMEOUT_SECONDS,
                check=True,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            logger.warning("Could not render the PDF for OCR: %s", exc)
            return ""
        pages = sorted(Path(folder).glob("page*.png"))
        return "\n\n".join(ocr_image(page.read_bytes(), languages) for page in pages)


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _clean(text: str) -> str:
    # NUL cannot be stored in PostgreSQL text, and runs of blank lines from
    # layout or OCR only make snippets worse.
    lines = [line.rstrip() for line in text.replace("\x00", "").splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
