from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Observation missions")

    def ready(self):
        from . import cache, public_flags

        cache.connect_signals(self)
        public_flags.connect_signals(self)
        # Migrations write through historical models, which send no signals to the receivers.
        post_migrate.connect(public_flags.refresh_after_migrate, sender=self)
