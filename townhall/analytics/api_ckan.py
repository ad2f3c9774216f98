"""A CKAN-compatible read API (/api/3/action/…), so CKAN clients and harvesters can
read the open-data catalogue.

Plain Django views rather than DRF: the wire format is CKAN's ({"help", "success",
"result"} or {"success": false, "error": {"__type", "message"}}), not ours, and
clients such as ckanapi POST their parameters as JSON. The actions only read, so
they need no CSRF token. /api/action/… is CKAN's own unversioned alias, the one
ckanapi calls by default.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from townhall.analytics import opendata

MAX_ROWS = 1000


class ActionError(Exception):
    def __init__(self, kind: str, message: str, status: int):
        super().__init__(message)
        self.kind, self.message, self.status = kind, message, status


def _not_found(what: str) -> ActionError:
    return ActionError("Not Found Error", f"Not found: {what}", 404)


def _invalid(field: str, message: str) -> ActionError:
    return ActionError("Validation Error", f"{field}: {message}", 409)


def _params(request: HttpRequest) -> dict[str, Any]:
    if request.method == "POST" and request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            raise _invalid("body", "not valid JSON") from None
        if not isinstance(body, dict):
            raise _invalid("body", "must be a JSON object")
        return body
    source = request.POST if request.method == "POST" else request.GET
    return {key: source.get(key) for key in source}


def _required_id(params: dict[str, Any]) -> str:
    value = params.get("id")
    if not isinstance(value, str) or not value.strip():
        raise _invalid("id", "Missing value")
    return value.strip()


def _int(params: dict[str, Any], name: str, default: int, maximum: int) -> int:
    raw = params.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise _invalid(name, "Invalid integer") from None
    if not 0 <= value <= maximum:
        raise _invalid(name, f"Must be between 0 and {maximum}")
    return value


def package_list(params: dict[str, Any]) -> Any:
    names = sorted(p["name"] for p in opendata.packages())
    offset, limit = _int(params, "offset", 0, 10**6), _int(params, "limit", MAX_ROWS, MAX_ROWS)
    return names[offset : offset + limit]


def package_show(params: dict[str, Any]) -> Any:
    package = opendata.package_get(_required_id(params))
    if package is None:
        raise _not_found("Dataset")
    return package


def package_search(params: dict[str, Any]) -> Any:
    query = params.get("q") or ""
    if not isinstance(query, str):
        raise _invalid("q", "Must be a string")
    found = opendata.search(query)
    start, rows = _int(params, "start", 0, 10**6), _int(params, "rows", 10, MAX_ROWS)
    return {
        "count": len(found),
        "results": found[start : start + rows],
        "sort": "score desc, metadata_modified desc",
        "facets": {},
        "search_facets": {},
    }


def organization_list(params: dict[str, Any]) -> Any:
    org = opendata.organization()
    all_fields = str(params.get("all_fields", "")).lower() in ("true", "1")
    return [org] if all_fields else [org["name"]]


def resource_show(params: dict[str, Any]) -> Any:
    resource = opendata.resource_get(_required_id(params))
    if resource is None:
        raise _not_found("Resource")
    return resource


ACTIONS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "package_list": package_list,
    "package_show": package_show,
    "package_search": package_search,
    "organization_list": organization_list,
    "resource_show": resource_show,
}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, name: str) -> JsonResponse:
    help_url = request.build_absolute_uri(request.path).replace(
        f"/action/{name}", f"/action/help_show?name={name}"
    )
    try:
        handler = ACTIONS.get(name)
        if handler is None:
            raise ActionError("Not Found Error", f"Action name not known: {name}", 400)
        result = handler(_params(request))
    except ActionError as exc:
        error = {"__type": exc.kind, "message": exc.message}
        return JsonResponse({"help": help_url, "success": False, "error": error}, status=exc.status)
    return JsonResponse({"help": help_url, "success": True, "result": result})


def dcat(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(opendata.dcat_catalogue())
    response["Content-Type"] = "application/ld+json"
    return response
