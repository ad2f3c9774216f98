"""An upload handler that stops reading a file once it is over the size limit.

Django would otherwise write the whole of an oversized upload to a temporary
file before the view could refuse it. This handler counts the bytes as they
arrive and skips the rest of a file past the limit, so nothing of it is kept;
the view then tells the resident the file was too big.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request: Any = None, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        # Form field names whose file was skipped for being too big.
        self.too_big: set[str] = set()

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_big.add(self.field_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers build the file
