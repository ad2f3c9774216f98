from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from townhall.accounts.decorators import staff_required
from townhall.accounts.roles import Role
from townhall.core.i18n import language_remember


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@require_GET
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "core/contact.html")


@require_GET
def language_set(request: HttpRequest, code: str) -> HttpResponse:
    # A plain link, not a form: the switcher must work without JavaScript and
    # from any page, and choosing a language changes nothing but a preference.
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    language_remember(response, code)
    user = request.user
    if user.is_authenticated and user.preferred_language != code:
        user.preferred_language = code
        user.save(update_fields=["preferred_language"])
    translation.activate(code)
    return response


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = [Role(name).label for name in user.roles]
    context = {
        "roles": roles,
        "works_cases": any(user.has_role(r) for r in ("caseworker", "manager", "administrator")),
        "manages": user.has_role("manager") or user.has_role("administrator"),
        "works_safety": user.has_role("safety_operator") or user.has_role("administrator"),
    }
    return render(request, "core/staff_home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers and its database is reachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database is reachable and fully migrated."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    if pending:
        return JsonResponse(
            {"status": "error", "database": "ok", "pending_migrations": len(pending)}, status=503
        )
    from townhall.assistant.knowledge import mode  # noqa: PLC0415 - a reader app, loaded lazily

    return JsonResponse(
        {"status": "ok", "database": "ok", "pending_migrations": 0, "assistant": mode()}
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "core/500.html", status=500)
