"""List the entries of the Russian catalogue that still need a translator."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from missions.catalogue import catalogue_path, read_po


class Command(BaseCommand):
    help = _("List untranslated or fuzzy entries of the Russian catalogue; fail if any.")

    def handle(self, *args, **options):
        path = catalogue_path("ru")
        if not path.exists():
            raise CommandError(_("%(path)s does not exist; run make messages.") % {"path": path})
        missing = [entry for entry in read_po(path) if entry.untranslated]
        for entry in missing:
            self.stdout.write(entry.msgid)
        if missing:
            raise CommandError(
                ngettext(
                    "%(count)d entry of %(path)s needs a translation.",
                    "%(count)d entries of %(path)s need a translation.",
                    len(missing),
                )
                % {"count": len(missing), "path": path}
            )
        self.stdout.write(_("Every entry of %(path)s is translated.") % {"path": path})
