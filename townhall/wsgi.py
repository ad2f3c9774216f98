import os
import sys

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townhall.settings")
try:
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
except ImproperlyConfigured as exc:
    # One line naming the variable is more use to an operator than a traceback.
    sys.exit(f"townhall: configuration error: {exc}")
