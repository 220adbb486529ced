"""manage.py backup_site [--out DIR]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from missions.backup import site_backup


class Command(BaseCommand):
    help = _(
        "Write a dated archive with every mission document and a natural-key dump of the "
        "missions, staff accounts and groups."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", default="backups", metavar="DIR", help=_("folder to write to (backups/)")
        )

    def handle(self, *args, out, **options):
        try:
            path = site_backup(folder=out)
        except OSError as error:
            raise CommandError(
                _("%(path)s: cannot write the backup (%(reason)s)")
                % {"path": out, "reason": error.strerror}
            ) from None
        self.stdout.write(_("Wrote %(path)s") % {"path": path})
