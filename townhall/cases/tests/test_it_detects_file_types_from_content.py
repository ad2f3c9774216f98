"""A file's type comes from its first bytes, whatever its name says."""

from __future__ import annotations

from townhall.cases.filetypes import detect_type
from townhall.cases.tests.helpers import JPEG, NOT_A_PDF, PDF, PNG


def test_it_detects_file_types_from_content():
    assert detect_type(PDF) == "pdf"
    assert detect_type(PNG) == "png"
    assert detect_type(JPEG) == "jpeg"
    assert detect_type(NOT_A_PDF) is None
    assert detect_type(b"") is None
    assert detect_type(b"GIF89a") is None
    assert detect_type(b"PK\x03\x04") is None  # a zip, or an Office document
    assert detect_type(b"\x89PNG") is None  # cut short
