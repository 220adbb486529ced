"""Fill the archive with reproducible synthetic missions for load tests."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from missions import synthetic
from missions.public_flags import batched_flags


class Command(BaseCommand):
    help = (
        "Create N synthetic missions (slugs starting with 'synthetic-', observed by the "
        "organization 'synthetic-observers') with delegations, meetings, visits and documents."
    )

    def add_arguments(self, parser):
        parser.add_argument("--missions", type=int, required=True, help="How many missions.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the synthetic records already there first (real ones are kept).",
        )

    def handle(self, *args, missions, seed, replace, **options):
        if missions < 1:
            raise CommandError("--missions must be at least 1.")
        existing = synthetic.synthetic_missions().count()
        if existing and not replace:
            raise CommandError(
                f"The archive already holds {existing} synthetic missions; "
                "pass --replace to rebuild them."
            )
        if existing:
            with transaction.atomic(), batched_flags(whole_tables=True):  # once, not per row
                synthetic.delete_archive()
        started = time.perf_counter()
        show = progress_line if options["verbosity"] > 0 else None
        with transaction.atomic(), batched_flags(whole_tables=True):
            counts = synthetic.seed_archive(missions=missions, seed=seed, progress=show)
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Created {summary} in {elapsed:.1f} s (seed {seed}).")


def progress_line(done, total):
    """One self-overwriting line on stderr; plain lines when stderr is not a terminal."""
    width = 30
    filled = width * done // total
    line = f"missions {done}/{total} [{'#' * filled}{'.' * (width - filled)}]"
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{line}" + ("\n" if done == total else ""))
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()
