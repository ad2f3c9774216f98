from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def staff_required(
    view: Callable[..., HttpResponse] | None = None, *, role: str | None = None
) -> Any:
    """Let through only staff who signed in with their second factor.

    Anonymous visitors are sent to sign in; residents, and staff of another
    role, get 403. `role` narrows the page to one staff role (administrators
    pass every role check).
    """

    def decorator(func: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_staff_member:
                raise PermissionDenied
            if not user.is_verified():
                return redirect_to_login(request.get_full_path())
            if role and not (user.has_role(role) or user.has_role("administrator")):
                raise PermissionDenied
            return func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
