"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

from observers_site.gc_freeze import FreezeAfterWarmUp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observers_site.settings.production")
application = FreezeAfterWarmUp(get_wsgi_application())
