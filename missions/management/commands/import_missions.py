"""manage.py import_missions PATH [PATH ...] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from missions.documents import DocumentError, import_sources, sources_from_paths

PROGRESS_FROM = 4  # show a progress line per file from this many files on


class Command(BaseCommand):
    help = _(
        "Import mission documents (format mission/1, YAML or JSON) from files or folders. "
        "All or nothing: if any document has a problem, nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help=_("a file or a folder"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("check and report what would change, then write nothing"),
        )

    def handle(self, *args, paths, dry_run, **options):
        try:
            sources = sources_from_paths(paths)
        except FileNotFoundError as error:
            raise CommandError(_("%(path)s: no such file or folder") % {"path": error}) from None
        except OSError as error:
            raise CommandError(
                _("%(path)s: cannot be read (%(reason)s)")
                % {"path": error.filename, "reason": error.strerror}
            ) from None
        if not sources:
            raise CommandError(_("No mission documents (.yaml, .yml, .json) found."))
        try:
            report = import_sources(sources, dry_run=dry_run, progress=self.progress)
        except DocumentError as error:
            raise CommandError(
                _("Nothing was imported; fix these problems:") + "\n" + str(error)
            ) from None
        self.stdout.write(report.as_text())

    def progress(self, index, total, name):
        if total >= PROGRESS_FROM:
            self.stderr.write(f"[{index}/{total}] {name}")
