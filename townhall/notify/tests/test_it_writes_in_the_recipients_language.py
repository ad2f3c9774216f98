"""Messages are rendered in the language each person chose, not the request's."""

import pytest
from django.utils import translation

from conftest import make_user
from townhall.notify.models import Notification
from townhall.notify.services import notification_queue

# The sign-off is the service name, whose translations already exist; the
# message sentences are translated later, so the test does not depend on them.
SIGN_OFF = {
    "en": "Riverside Council services",
    "es": "Servicios del Ayuntamiento de Riverside",
    "fr": "Services de la mairie de Riverside",
}


@pytest.mark.parametrize("language", ["es", "fr", "en"])
def test_the_email_is_written_in_the_recipients_language(db, settings, language):
    settings.CITY_NAME = "Riverside"
    settings.SERVICE_NAME = ""
    person = make_user(f"{language}@example.org", preferred_language=language)
    with translation.override("en" if language != "en" else "fr"):
        notification_queue(
            event="decision_made",
            key=f"decision_made:{language}",
            recipient=person,
            context={"reference": "RIV-2026-000003", "service_title": "Tax return"},
        )
        assert translation.get_language() == ("en" if language != "en" else "fr")
    email = Notification.objects.get(key=f"decision_made:{language}", channel="email")
    assert email.language == language
    assert email.body.rstrip().endswith(SIGN_OFF[language])
    for other, sign_off in SIGN_OFF.items():
        if other != language:
            assert sign_off not in email.body
