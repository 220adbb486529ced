"""manage.py export_missions --out DIR [SLUG ...] [--format yaml|json]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from missions.interchange import dump_json, dump_yaml, mission_to_document
from missions.interchange.exporting import mission_files
from missions.models import Mission

WRITERS = {"yaml": dump_yaml, "json": dump_json}


class Command(BaseCommand):
    help = _(
        "Export missions as mission documents (format mission/2), one <slug>.yaml per "
        "mission. A staff tool: missions in every status are exported, drafts included."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", metavar="SLUG", help=_("missions to export (default: all)")
        )
        parser.add_argument("--out", required=True, metavar="DIR", help=_("folder to write to"))
        parser.add_argument(
            "--format", choices=sorted(WRITERS), default="yaml", help=_("yaml (default) or json")
        )

    def handle(self, *args, slugs, out, format, **options):
        missions = Mission.objects.order_by("slug")
        if slugs:
            missions = missions.filter(slug__in=slugs)
            unknown = sorted(set(slugs) - set(missions.values_list("slug", flat=True)))
            if unknown:
                raise CommandError(
                    _("No mission with the slug: %(slugs)s") % {"slugs": ", ".join(unknown)}
                )
        folder = Path(out)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(
                _("%(path)s: cannot create the folder (%(reason)s)")
                % {"path": out, "reason": error.strerror}
            ) from None
        count = 0
        for mission in missions.iterator():
            path = folder / f"{mission.slug}.{format}"
            path.write_text(WRITERS[format](mission_to_document(mission)), encoding="utf-8")
            write_files(folder, mission)
            count += 1
        self.stdout.write(
            ngettext(
                "Wrote %(count)d mission document to %(folder)s",
                "Wrote %(count)d mission documents to %(folder)s",
                count,
            )
            % {"count": count, "folder": out}
        )


def write_files(folder, mission):
    """Each document file beside the mission's document, at the path the document names."""
    for relative, stored in mission_files(mission).items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with stored.open("rb") as source:
            target.write_bytes(source.read())
