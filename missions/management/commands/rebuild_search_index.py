"""Rebuild the search index from the database: every public record's entry anew."""

import time

from django.core.management.base import BaseCommand

from missions.search.index import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text search index: public missions, documents, people, organizations."

    def handle(self, *args, **options):
        started = time.perf_counter()
        entries = search_index_rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(f"Search index rebuilt: {entries} entries in {seconds:.1f} s.")
