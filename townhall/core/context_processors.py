from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "city_name": settings.CITY_NAME,
        "service_name": settings.SERVICE_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        "contact_phone": settings.CONTACT_PHONE,
        "phase": settings.PHASE,
    }
