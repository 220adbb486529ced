"""manage.py import_missions PATH [PATH ...] [--dry-run] [--user NAME]"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from missions.interchange import DocumentError, import_sources, sources_from_paths

PROGRESS_FROM = 4  # show a progress line per file from this many files on


class Command(BaseCommand):
    help = _(
        "Import mission documents (format mission/1, YAML or JSON) from files or folders. "
        "All or nothing: if any document has a problem, nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help=_("a file or a folder"))
        parser.add_argument(
            "--update-shared",
            action="store_true",
            help=_(
                "apply a differing value to a person, organization, election or region that "
                "other missions use (listed in the report)"
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("check and report what would change, then write nothing"),
        )
        parser.add_argument(
            "--user",
            metavar="NAME",
            help=_("import on behalf of this staff user, with their permissions and in their name"),
        )

    def handle(self, *args, paths, dry_run, user=None, update_shared=False, **options):
        user = self.find_user(user) if user else None
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
            report = self.run_import(sources, dry_run, user, update_shared)
        except PermissionDenied as error:
            raise CommandError(_("Nothing was imported: %(reason)s") % {"reason": error}) from None
        except DocumentError as error:
            raise CommandError(
                _("Nothing was imported; fix these problems:") + "\n" + str(error)
            ) from None
        self.stdout.write(report.as_text())

    def find_user(self, name):
        try:
            return get_user_model().objects.get_by_natural_key(name)
        except get_user_model().DoesNotExist:
            raise CommandError(_("No user called %(name)s.") % {"name": name}) from None

    def run_import(self, sources, dry_run, user, update_shared=False):
        # import_sources records the run in the missions' history under the user's name.
        return import_sources(
            sources,
            dry_run=dry_run,
            user=user,
            progress=self.progress,
            update_shared=update_shared,
        )

    def progress(self, index, total, name):
        if total >= PROGRESS_FROM:
            self.stderr.write(f"[{index}/{total}] {name}")
