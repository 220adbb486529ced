"""Backups: one dated archive with every mission document and a natural-key dump of the data.

The documents are the readable, portable copy; `data.json` (dumpdata with natural keys:
missions, staff accounts and groups) is what a restore loads, and `files/` holds every document
file under its storage name. A restore puts the files back in the storage, then exports every
mission again and checks it, and every file, matches the archive byte for byte.
"""

import io
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from missions.interchange import dump_yaml, mission_to_document
from missions.models import DocumentFile, Mission
from missions.public_flags import batched_flags
from missions.search.index import search_index_rebuild

DATA = "data.json"
DOCUMENTS = "documents/"
FILES = "files/"
DUMPED = ["missions", "auth.group", "auth.user"]


class BackupError(Exception):
    """The archive cannot be restored; nothing was written."""


def mission_documents():
    """{archive name: YAML text} for every mission, drafts included."""
    return {
        f"{DOCUMENTS}{mission.slug}.yaml": dump_yaml(mission_to_document(mission))
        for mission in Mission.objects.order_by("slug")
    }


def stored_files():
    """{archive name: bytes} of every document file, by its name in the storage."""
    found = {}
    for record in DocumentFile.objects.order_by("id"):
        with record.file.open("rb") as handle:
            found[f"{FILES}{record.file.name}"] = handle.read()
    return found


def dump_data():
    out = io.StringIO()
    call_command(
        "dumpdata", *DUMPED, natural_foreign=True, natural_primary=True, indent=1, stdout=out
    )
    return out.getvalue()


def add_text(archive, name, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def site_backup(*, folder):
    """Write observers-<UTC date and time>.tar.gz into folder; return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"observers-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    with transaction.atomic():  # one consistent view of the data
        documents, data, files = mission_documents(), dump_data(), stored_files()
    with tarfile.open(path, "w:gz") as archive:
        add_text(archive, DATA, data)
        for name, text in documents.items():
            add_text(archive, name, text)
        for name, content in files.items():
            add_text(archive, name, content)
    return path


def read_archive(path):
    """{member name: text, or bytes under files/} for the regular files of a backup archive;
    nothing is extracted."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = {
                member.name: archive.extractfile(member).read()
                for member in archive.getmembers()
                if member.isfile()
            }
        return {
            name: data if name.startswith(FILES) else data.decode("utf-8")
            for name, data in members.items()
        }
    except (OSError, tarfile.TarError, UnicodeDecodeError) as error:
        raise BackupError(
            _("%(path)s is not a backup archive (%(reason)s)") % {"path": path, "reason": error}
        ) from None


@transaction.atomic
def site_restore(*, path):
    """Load a backup into a database without missions; return the slugs restored.

    Raise BackupError, writing nothing, if the database already has missions, the archive
    has no data, or a restored mission does not export exactly as its archived document.
    """
    if Mission.objects.exists():
        raise BackupError(_("The database already has missions; restore only into an empty one."))
    members = read_archive(path)
    if DATA not in members:
        raise BackupError(_("%(path)s has no %(name)s") % {"path": path, "name": DATA})
    with tempfile.TemporaryDirectory() as folder, batched_flags(whole_tables=True):
        data = Path(folder) / DATA
        data.write_text(members[DATA], encoding="utf-8")
        call_command("loaddata", str(data), verbosity=0)
    restore_files({n: data for n, data in members.items() if n.startswith(FILES)})
    search_index_rebuild()
    archived = {name: text for name, text in members.items() if name.startswith(DOCUMENTS)}
    restored = mission_documents()
    differing = sorted(
        name
        for name in archived.keys() | restored.keys()
        if archived.get(name) != restored.get(name)
    )
    if differing:
        raise BackupError(
            _("Restored missions do not match the archived documents: %(names)s")
            % {"names": ", ".join(differing)}
        )
    return sorted(Path(name).stem for name in archived)


def restore_files(files):
    """Put each archived file back in the storage under the name its record holds."""
    names = set(DocumentFile.objects.values_list("file", flat=True))
    for member, content in files.items():
        name = member.removeprefix(FILES)
        if name not in names or ".." in Path(name).parts:
            raise BackupError(_("%(name)s belongs to no document file") % {"name": member})
        if default_storage.exists(name):
            default_storage.delete(name)
        if default_storage.save(name, ContentFile(content)) != name:
            raise BackupError(_("%(name)s could not be restored") % {"name": member})
    missing = sorted(names - {member.removeprefix(FILES) for member in files})
    if missing:
        raise BackupError(
            _("The archive lacks the files: %(names)s") % {"names": ", ".join(missing)}
        )
