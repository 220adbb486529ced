"""Document files a re-import replaces or drops, or whose document or mission is deleted, leave
the storage once the transaction commits, never before, and never while a record holds them;
an import that fails or only checks leaves the storage as it was."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from missions.interchange import DocumentError, import_sources, sources_from_paths
from missions.models import Document, DocumentFile, Mission
from tests import factories

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parent / "documents" / "example"
SLUG = "example-presidential-2031-assembly"
FILE_LINE = (
    "      - {path: example-presidential-2031-assembly/preliminary-en.pdf, language: en, "
    "title: Statement (PDF)}\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def folder(tmp_path):
    """A copy of the contract's example, to change its file and text."""
    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE, copy)
    return copy


def import_folder(folder, **options):
    call_command("import_missions", str(folder), stdout=StringIO(), **options)


def stored_names(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def read(name):
    with default_storage.open(name) as stored:
        return stored.read()


def the_file():
    return DocumentFile.objects.get(document__mission__slug=SLUG).file.name


def replace_pdf(folder):
    pdf = folder / SLUG / "preliminary-en.pdf"
    pdf.write_bytes(pdf.read_bytes().replace(b"%%EOF", b"% replaced\n%%EOF"))


def drop_file_line(folder):
    document = folder / "mission-2-example.yaml"
    text = document.read_text(encoding="utf-8")
    assert FILE_LINE in text
    document.write_text(text.replace("    files:\n" + FILE_LINE, ""), encoding="utf-8")


@pytest.fixture
def imported(folder, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_folder(folder)
    return the_file()


def test_a_replaced_file_leaves_the_storage_after_the_commit_not_before(
    folder, imported, media, django_capture_on_commit_callbacks
):
    replace_pdf(folder)
    with django_capture_on_commit_callbacks() as callbacks:
        import_folder(folder)
        assert default_storage.exists(imported)  # the transaction is still open
    new = the_file()
    assert new != imported and default_storage.exists(imported)
    for callback in callbacks:
        callback()
    assert not default_storage.exists(imported)
    assert stored_names(media) == [new]
    assert read(new) == (folder / SLUG / "preliminary-en.pdf").read_bytes()


def test_a_file_dropped_from_the_document_leaves_the_storage(
    folder, imported, media, django_capture_on_commit_callbacks
):
    drop_file_line(folder)
    with django_capture_on_commit_callbacks(execute=True):
        import_folder(folder)
    assert not DocumentFile.objects.exists()
    assert stored_names(media) == []  # its folder documents/<uid>/ went with it


def test_an_unchanged_file_stays(folder, imported, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_folder(folder)
    assert the_file() == imported and stored_names(media) == [imported]


def test_a_failed_import_deletes_nothing(
    folder, imported, media, django_capture_on_commit_callbacks
):
    replace_pdf(folder)
    document = folder / "mission-2-example.yaml"
    text = document.read_text(encoding="utf-8")
    # refused while the run writes the document (not when it checks it): the assessment of
    # a recommendation the earlier mission does not have, after its file was replaced
    document.write_text(
        text.replace("number: 3\n        status:", "number: 99\n        status:"), encoding="utf-8"
    )
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(DocumentError) as error:
            import_sources(sources_from_paths([folder]))
    assert "no recommendation 99" in str(error.value)
    assert the_file() == imported
    assert stored_names(media) == [imported]


def test_a_failed_import_leaves_no_file_of_its_own(
    folder, imported, media, django_capture_on_commit_callbacks
):
    replace_pdf(folder)
    # a later document of the run is refused after the file was written: a differing name
    # for the assembly both earlier missions use
    later = (folder / "example-parliamentary-2028.yaml").read_text(encoding="utf-8")
    later = later.replace("example-parliamentary-2028-assembly", "example-later-2029-assembly")
    later = later.replace("name: Example Inter-Parliamentary Assembly", "name: Renamed Assembly")
    (folder / "zz-later.yaml").write_text(later, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(DocumentError) as error:
            import_sources(sources_from_paths([folder]))
    assert "zz-later.yaml: organizations[0].name: differs from the stored" in str(error.value)
    assert stored_names(media) == [imported]


def test_a_dry_run_deletes_nothing_and_leaves_no_file_of_its_own(
    folder, imported, media, django_capture_on_commit_callbacks
):
    replace_pdf(folder)
    with django_capture_on_commit_callbacks(execute=True):
        import_folder(folder, dry_run=True)
    assert the_file() == imported
    assert stored_names(media) == [imported]


def deleted_in_admin(client, model, pk, captured):
    with captured(execute=True):
        url = reverse(f"admin:missions_{model}_delete", args=[pk])
        response = client.post(url, {"post": "yes"})
    assert response.status_code == 302


def test_deleting_a_document_in_the_admin_deletes_its_files(
    imported, media, admin_client, django_capture_on_commit_callbacks
):
    document = Document.objects.get(files__isnull=False)
    deleted_in_admin(admin_client, "document", document.pk, django_capture_on_commit_callbacks)
    assert not Document.objects.filter(pk=document.pk).exists()
    assert stored_names(media) == []


def test_deleting_a_mission_in_the_admin_deletes_its_documents_files(
    imported, media, admin_client, django_capture_on_commit_callbacks
):
    mission = Mission.objects.get(slug=SLUG)
    deleted_in_admin(admin_client, "mission", mission.pk, django_capture_on_commit_callbacks)
    assert not Mission.objects.filter(slug=SLUG).exists()
    assert stored_names(media) == []


def test_a_file_another_record_still_holds_stays(
    imported, media, mission, django_capture_on_commit_callbacks
):
    other = DocumentFile.objects.create(document=factories.document(mission), file=imported)
    with django_capture_on_commit_callbacks(execute=True):
        DocumentFile.objects.exclude(pk=other.pk).delete()
    assert stored_names(media) == [imported]
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert stored_names(media) == []


def test_a_file_replaced_on_its_record_leaves_the_storage(
    imported, media, django_capture_on_commit_callbacks
):
    record = DocumentFile.objects.get()
    pdf = read(imported)
    with django_capture_on_commit_callbacks(execute=True):
        record.file = ContentFile(pdf.replace(b"%%EOF", b"%\n%%EOF"), name="final-en.pdf")
        record.full_clean()
        record.save()
    record.refresh_from_db()
    assert stored_names(media) == [record.file.name]
    assert record.file.name.endswith("/final-en.pdf")
