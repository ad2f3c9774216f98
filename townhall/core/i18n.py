from django.conf import settings
from django.http import HttpResponse


def language_remember(response: HttpResponse, code: str) -> None:
    """Keep a person's language choice on this device for a year."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
