"""manage.py restore_site FILE"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from missions.backup import BackupError, site_restore


class Command(BaseCommand):
    help = _(
        "Restore a backup_site archive into a migrated database that has no missions yet, "
        "then check every mission exports exactly as archived. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help=_("an archive written by backup_site"))

    def handle(self, *args, file, **options):
        try:
            slugs = site_restore(path=file)
        except BackupError as error:
            raise CommandError(_("Nothing was restored: %(error)s") % {"error": error}) from None
        self.stdout.write(
            _("Restored %(count)d mission(s), each exporting as archived.") % {"count": len(slugs)}
        )
