"""make backup / make restore: a dated archive that comes back into an empty database intact."""

import io
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from missions.backup import mission_documents
from missions.models import Country, Mission

from .documents_helpers import SEED, empty_database, import_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    import_text(SEED)
    draft = SEED.replace("slug: kz-senate-2017-ipa-cis", "slug: kz-senate-2017-draft", 1)
    import_text(draft.replace("status: published", "status: draft", 1), name="draft.yaml")
    assert Mission.objects.filter(status=Mission.Status.DRAFT).count() == 1
    get_user_model().objects.create_user("editor", password="x" * 20, is_staff=True)


def backup(tmp_path):
    out = io.StringIO()
    call_command("backup_site", out=str(tmp_path), stdout=out)
    (archive,) = tmp_path.glob("observers-*.tar.gz")
    assert str(archive) in out.getvalue()
    return archive


def test_backup_holds_every_mission_document_and_the_data(tmp_path, data):
    archive = backup(tmp_path)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    slugs = Mission.objects.values_list("slug", flat=True)
    assert names == {"data.json", *(f"documents/{slug}.yaml" for slug in slugs)}  # no files
    assert len(slugs) == 2


def test_restore_into_an_empty_database_exports_identically(tmp_path, data):
    before = mission_documents()
    archive = backup(tmp_path)
    empty_database()
    Country.objects.all().delete()
    get_user_model().objects.all().delete()

    out = io.StringIO()
    call_command("restore_site", str(archive), stdout=out)

    assert "Restored 2 mission(s)" in out.getvalue()
    assert mission_documents() == before
    assert Country.objects.count() == 249
    assert get_user_model().objects.get(username="editor").check_password("x" * 20)


def test_restore_refuses_a_database_that_has_missions(tmp_path, data):
    archive = backup(tmp_path)
    with pytest.raises(CommandError, match="already has missions"):
        call_command("restore_site", str(archive))


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_text("not an archive")
    with pytest.raises(CommandError, match="notes.tar.gz is not a backup archive"):
        call_command("restore_site", str(bogus))
    assert not Mission.objects.exists()


def test_backup_and_restore_carry_document_files_byte_for_byte(tmp_path):
    from django.core.files.storage import default_storage

    from missions.interchange import import_sources
    from missions.interchange.loading import sources_from_paths
    from missions.models import DocumentFile

    from .test_documents_mission2 import EXAMPLE, PDF

    import_sources(sources_from_paths([EXAMPLE]))
    stored = DocumentFile.objects.get()
    archive = backup(tmp_path / "backups")
    with tarfile.open(archive) as tar:
        assert tar.extractfile(f"files/{stored.file.name}").read() == PDF.read_bytes()
    before = mission_documents()
    name = stored.file.name
    empty_database()
    default_storage.delete(name)
    call_command("restore_site", str(archive), stdout=io.StringIO())
    assert mission_documents() == before
    with DocumentFile.objects.get().file.open("rb") as handle:
        assert handle.read() == PDF.read_bytes()
