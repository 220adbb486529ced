"""Recompute every stored public flag from its definition, whole tables."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from missions.cache import pages_changed
from missions.public_flags import refresh_public_flags


class Command(BaseCommand):
    help = "Recompute the public flags of every person, organization, election and country."

    def handle(self, *args, **options):
        started = time.perf_counter()
        with transaction.atomic():
            refresh_public_flags()
            pages_changed()
        seconds = time.perf_counter() - started
        self.stdout.write(f"Public flags recomputed in {seconds:.1f} s.")
