from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "townhall.privacy"
    label = "privacy"

    def ready(self) -> None:
        from townhall.privacy import checks  # noqa: F401 - registers the system checks
