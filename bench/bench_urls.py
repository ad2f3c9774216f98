"""Townhall's URLs plus /bench/minimal, the baseline of the page throughput benchmark.

The baseline is the least a Django view can do (a fixed "ok") behind the same
middleware, on the same gunicorn server, so the ratio measures what a page
itself costs. It exists only here, never in the application's own URLs.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from townhall.urls import handler403, handler404, handler500


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal", minimal),
    path("", include("townhall.urls")),
]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
