from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _


def service_name() -> str:
    """The site's name in the active language, unless the council fixed one."""
    return settings.SERVICE_NAME or _("%(city)s Council services") % {"city": settings.CITY_NAME}


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "city_name": settings.CITY_NAME,
        "service_name": service_name(),
        "contact_email": settings.CONTACT_EMAIL,
        "contact_phone": settings.CONTACT_PHONE,
        "phase": settings.PHASE,
    }
