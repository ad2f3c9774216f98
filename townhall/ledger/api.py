"""The ledger's public, read-only HTTP interface.

C2SP tlog-tiles resources (checkpoint, tiles, entry bundles) plus JSON
conveniences (an entry, proofs, receipts). These are protocol endpoints with
exact bytes and content types, served by plain Django views rather than the
authenticated REST API. No authentication; immutable resources say so in their
caching headers. Bad parameters get 400 with a message, never 500, and so do
tiles and bundles beyond the tree: the public contract names "beyond the tree"
as a wrong parameter. Tile clients only ask for tiles below a checkpoint's
size, so they never see it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from townhall.ledger import keys, merkle, selectors
from townhall.ledger.services import ledger_checkpoint_publish

IMMUTABLE = "public, max-age=31536000, immutable"
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,18}")


class BadParameter(ValueError):
    pass


def _public(cache: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @require_safe
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                response = view(request, *args, **kwargs)
            except BadParameter as exc:
                response = JsonResponse({"error": str(exc)}, status=400)
                response["Cache-Control"] = "no-store"
            else:
                response.setdefault("Cache-Control", cache)
            # Anyone may verify the log, from any web page.
            response["Access-Control-Allow-Origin"] = "*"
            response["X-Content-Type-Options"] = "nosniff"
            return response

        return wrapper

    return decorate


def _number(value: str | None, name: str) -> int:
    if value is None or value == "":
        raise BadParameter(f"{name} is required")
    if not _DECIMAL.fullmatch(value):
        raise BadParameter(f"{name} must be a whole number from 0, not {value[:40]!r}")
    return int(value)


def _text(body: str | bytes, content_type: str, status: int = 200) -> HttpResponse:
    return HttpResponse(body, content_type=content_type, status=status)


def _not_found(message: str) -> HttpResponse:
    response = _text(message + "\n", "text/plain; charset=utf-8", status=404)
    response["Cache-Control"] = "no-store"
    return response


@_public("public, max-age=2")
def checkpoint(request: HttpRequest) -> HttpResponse:
    latest = ledger_checkpoint_publish()
    if latest is None:
        return _not_found("the log has no checkpoint yet")
    lines = "".join(selectors.cosignature_lines(latest))
    return _text(latest.note + lines, "text/plain; charset=utf-8")


@_public("public, max-age=3600")
def key(request: HttpRequest) -> HttpResponse:
    return _text(keys.verifier_key() + "\n", "text/plain; charset=utf-8")


def _tile_address(rest: str) -> tuple[int, int]:
    try:
        return merkle.parse_tile_index(rest)
    except ValueError as exc:
        raise BadParameter(f"{exc}") from None


@_public(IMMUTABLE)
def tile(request: HttpRequest, level: str, rest: str) -> HttpResponse:
    if not _DECIMAL.fullmatch(level) or int(level) > 63:
        raise BadParameter("a tile level is a whole number from 0 to 63")
    index, width = _tile_address(rest)
    data = selectors.tile_data(int(level), index, width)
    if data is None:
        raise BadParameter(f"tile {level}/{rest} is beyond the tree")
    return _text(data, "application/octet-stream")


@_public(IMMUTABLE)
def entry_bundle(request: HttpRequest, rest: str) -> HttpResponse:
    index, width = _tile_address(rest)
    data = selectors.entry_bundle(index, width)
    if data is None:
        raise BadParameter(f"entry bundle {rest} is beyond the log")
    return _text(data, "application/octet-stream")


def _within_log(value: int, name: str, size: int, *, inclusive: bool = False) -> int:
    if value > size or (value == size and not inclusive):
        raise BadParameter(f"{name} {value} is beyond the log, which has {size} entries")
    return value


@_public(IMMUTABLE)
def entry(request: HttpRequest, index: str) -> HttpResponse:
    position = _within_log(_number(index, "index"), "index", selectors.log_size())
    data = selectors.entry_json(position)
    if data is None:  # only if the entries table was edited behind the log's back
        return _not_found(f"entry {position} is missing from the log")
    return JsonResponse(data)


@_public(IMMUTABLE)
def inclusion_proof(request: HttpRequest) -> HttpResponse:
    size = selectors.log_size()
    tree = _within_log(_number(request.GET.get("size"), "size"), "size", size, inclusive=True)
    index = _number(request.GET.get("index"), "index")
    if index >= tree:
        raise BadParameter(f"index {index} is not in a tree of size {tree}")
    proof = selectors.inclusion_proof(index, tree)
    return JsonResponse(
        {"index": index, "size": tree, "inclusion_proof": [selectors.b64(h) for h in proof]}
    )


@_public(IMMUTABLE)
def consistency_proof(request: HttpRequest) -> HttpResponse:
    size = selectors.log_size()
    first = _number(request.GET.get("first"), "first")
    second = _number(request.GET.get("second"), "second")
    _within_log(second, "second", size, inclusive=True)
    if first == 0:
        raise BadParameter("first must be at least 1: every tree extends the empty one")
    if first > second:
        raise BadParameter(f"first ({first}) must not be larger than second ({second})")
    proof = selectors.consistency_proof(first, second)
    return JsonResponse(
        {"first": first, "second": second, "consistency_proof": [selectors.b64(h) for h in proof]}
    )


@_public("public, max-age=2")
def receipt(request: HttpRequest, index: str) -> HttpResponse:
    position = _within_log(_number(index, "index"), "index", selectors.log_size())
    ledger_checkpoint_publish()
    data = selectors.receipt_for(position)
    if data is None:
        retry = max(1, round(settings.LEDGER_CHECKPOINT_INTERVAL))
        response = JsonResponse(
            {"error": f"no checkpoint covers entry {position} yet; try again in {retry} s"},
            status=503,
        )
        response["Retry-After"] = str(retry)
        response["Cache-Control"] = "no-store"
        return response
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="ledger-receipt-{position}.json"'
    return response
