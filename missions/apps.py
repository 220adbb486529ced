from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Observation missions")

    def ready(self):
        from . import cache

        cache.connect_signals(self)
