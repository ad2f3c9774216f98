"""Template tags of the shared layout (core/base.html)."""

from __future__ import annotations

from urllib.parse import quote

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info

register = template.Library()

# The header's links that show as the current page when a visitor is on them.
NAV_URL_NAMES = (
    "catalog:index",
    "core:staff-home",
    "cases:applications",
    "accounts:profile",
    "accounts:sign-in",
    "accounts:sign-up",
)
_NAV_PATHS: dict[str, dict[str, str]] = {}


def _nav_paths() -> dict[str, str]:
    # Reversing is among the dearest parts of the layout; its answers change
    # only with the script prefix, so each process works them out once.
    prefix = get_script_prefix()
    paths = _NAV_PATHS.get(prefix)
    if paths is None:
        paths = _NAV_PATHS[prefix] = {reverse(name): name for name in NAV_URL_NAMES}
    return paths


def _nav_state(request: HttpRequest | None) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "visitor"
    # Staff pages let in only staff who signed in with their second factor
    # (accounts.decorators.staff_required), so the link is for them alone;
    # asking that first spares every resident's page a query for their roles.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified() and user.is_staff_member:
        return "staff"
    return "resident"


@register.simple_tag(takes_context=True)
def layout_state(context: template.Context) -> dict[str, str]:
    """What the layout's {% cache %} fragments vary on (core/base.html).

    `key` holds everything those fragments are made of apart from the words
    of the active language: a fragment cached under it is the same for every
    visitor, so it must never hold anything of one person. `nav` (visitor,
    resident or staff) chooses the header's links, and `active` names the one
    of the page shown, if it is one.
    """
    request = context.get("request")
    return {
        "key": "|".join(
            (
                get_language() or settings.LANGUAGE_CODE,
                get_script_prefix(),
                settings.CITY_NAME,
                settings.SERVICE_NAME,
                settings.PHASE,
            )
        ),
        "nav": _nav_state(request),
        "active": _nav_paths().get(request.path, "") if request is not None else "",
    }


# Stands for the page's own address while the switcher is drawn once; no
# address can hold it once quoted, since quoting leaves no bare "{".
_NEXT = "{townhall-next}"
_LANGUAGE_NAVS: dict[tuple[str, str], list[str]] = {}


@register.simple_tag(takes_context=True)
def language_nav(context: template.Context) -> SafeString:
    """The language switcher (core/includes/language_nav.html) for this page.

    Every page shows it, and only the address to come back to changes from
    page to page, so each process draws it once per language and script
    prefix, and puts each page's address in the places marked for it.
    """
    language = get_language() or settings.LANGUAGE_CODE
    key = (language, get_script_prefix())
    pieces = _LANGUAGE_NAVS.get(key)
    if pieces is None:
        links = [
            {
                "code": code,
                "name": capfirst(get_language_info(code)["name_local"]),
                "url": reverse("core:language-set", args=[code]),
                "current": code == language,
            }
            for code, _name in settings.LANGUAGES
        ]
        html = render_to_string("core/includes/language_nav.html", {"links": links, "next": _NEXT})
        pieces = _LANGUAGE_NAVS[key] = html.split(_NEXT)
    # The pieces come from the template, escaped there; quote() is what the
    # urlencode filter does, and leaves nothing that needs escaping.
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    return mark_safe(quote(path).join(pieces))  # noqa: S308
