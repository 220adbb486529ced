"""Mission documents from the admin and on a user's behalf: the same checks as import_missions."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from reversion.models import Version

from missions.interchange import dump_yaml, mission_to_document
from missions.models import Mission

from .documents_helpers import SEED, SEED_PATH, import_text, row_counts

UPLOAD = "admin:missions_mission_import_document"
SLUG = "kz-senate-2017-ipa-cis"
AS_DRAFT = SEED.replace("  status: published\n", "  status: draft\n")


@pytest.fixture
def importing_editor(editor):
    editor.user_permissions.add(Permission.objects.get(codename="import_missions"))
    return editor


def upload(client, text, name="kz-senate-2017.yaml"):
    file = SimpleUploadedFile(name, text.encode(), content_type="application/yaml")
    return client.post(reverse(UPLOAD), {"document": file})


def test_preview_reports_what_would_change_and_writes_nothing(client, publisher):
    client.force_login(publisher)
    before = row_counts()
    response = upload(client, SEED)
    assert response.status_code == 200
    assert "created: 1 mission" in response.text
    assert "Dry run: nothing was written." in response.text
    assert row_counts() == before


def test_confirmed_upload_imports_and_is_recorded(client, publisher):
    client.force_login(publisher)
    preview = upload(client, SEED)
    confirm = preview.context["confirm_form"]
    response = client.post(reverse(UPLOAD), {**confirm.initial, "confirm": "1"}, follow=True)
    assert "created: 1 mission" in response.text
    mission = Mission.objects.get(slug=SLUG)
    assert mission.is_published and mission.published_by == publisher
    assert Version.objects.get_for_object(mission).get().revision.user == publisher


def test_bad_document_shows_every_problem_with_its_place(client, publisher):
    client.force_login(publisher)
    before = row_counts()
    text = SEED.replace("  starts: 2017-06-27", "  starts: 2017-13-40")
    response = upload(client, text)
    assert "Nothing was imported; fix these problems:" in response.text
    assert "kz-senate-2017.yaml: mission.starts:" in response.text
    assert "confirm_form" not in response.context
    assert row_counts() == before


def test_editor_without_the_import_permission_cannot_upload(client, editor):
    client.force_login(editor)
    assert client.get(reverse(UPLOAD)).status_code == 403
    assert upload(client, AS_DRAFT).status_code == 403
    assert not Mission.objects.exists()


def test_importing_editor_cannot_publish_by_upload(client, importing_editor):
    client.force_login(importing_editor)
    response = upload(client, SEED)
    assert "only publishers may import a document that publishes" in response.text
    assert not Mission.objects.exists()
    # The same document as a draft is fine.
    assert "created: 1 mission" in upload(client, AS_DRAFT).text


def test_importing_editor_cannot_unpublish_by_upload(client, importing_editor):
    import_text(SEED)
    client.force_login(importing_editor)
    response = upload(client, AS_DRAFT)
    assert "only publishers may import a document that publishes" in response.text


def test_command_on_behalf_of_an_editor_cannot_publish(importing_editor):
    with pytest.raises(CommandError) as error:
        call_command("import_missions", str(SEED_PATH), user=importing_editor.username)
    assert "only publishers may import a document that publishes" in str(error.value)
    assert not Mission.objects.exists()


def test_command_on_behalf_of_a_publisher_publishes_in_their_name(publisher, capsys):
    call_command("import_missions", str(SEED_PATH), "--user", publisher.username)
    mission = Mission.objects.get(slug=SLUG)
    assert mission.published_by == publisher
    assert Version.objects.get_for_object(mission).get().revision.user == publisher


def test_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user called nobody"):
        call_command("import_missions", str(SEED_PATH), user="nobody")


def test_download_any_mission_as_a_document(client, editor):
    import_text(SEED)
    mission = Mission.objects.get(slug=SLUG)
    client.force_login(editor)
    page = client.get(reverse("admin:missions_mission_change", args=[mission.pk])).text
    url = reverse("admin:missions_mission_document", args=[mission.pk])
    assert url in page
    response = client.get(url)
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}.yaml"'
    text = response.content.decode()
    assert text.startswith("format: mission/2\n")
    assert text == dump_yaml(mission_to_document(mission))


def upload_bytes(client, content, name="kz-senate-2017.yaml"):
    file = SimpleUploadedFile(name, content, content_type="application/yaml")
    return client.post(reverse(UPLOAD), {"document": file})


def command_problems(tmp_path, content, name="kz-senate-2017.yaml"):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("import_missions", str(path))
    return str(error.value)


def test_upload_and_command_both_refuse_text_that_is_not_utf8(client, publisher, tmp_path):
    content = SEED.replace("Kazakhstan", "Kazakhstán").encode("latin-1", errors="replace")
    message = "kz-senate-2017.yaml: line 4: not UTF-8 text (byte 0xe1 cannot be read)"
    client.force_login(publisher)
    response = upload_bytes(client, content)
    assert message in response.text
    assert "confirm_form" not in response.context
    assert message in command_problems(tmp_path, content)
    assert not Mission.objects.exists()


def test_upload_and_command_name_the_place_of_a_huge_number(client, publisher, tmp_path):
    huge = "7" * 5000
    text = SEED.replace(
        "    region_kind: city\n", f"    region_kind: city\n    stations_visited: {huge}\n", 1
    )
    message = (
        "kz-senate-2017.yaml: visits[0].stations_visited: a number of 5000 digits; "
        "numbers in a mission document have at most 10 digits"
    )
    client.force_login(publisher)
    response = upload_bytes(client, text.encode())
    assert response.status_code == 200
    assert message in response.text
    assert "confirm_form" not in response.context
    assert message in command_problems(tmp_path, text.encode())
    assert not Mission.objects.exists()


def test_upload_larger_than_the_document_limit_is_refused(client, publisher):
    from missions.interchange.loading import MAX_DOCUMENT_BYTES

    client.force_login(publisher)
    response = upload_bytes(client, SEED.encode() + b"#" * MAX_DOCUMENT_BYTES)
    assert "The file is larger than 2.0\xa0MB." in response.text
    assert not Mission.objects.exists()


def test_a_large_cyrillic_document_can_be_confirmed(client, publisher, settings):
    """The confirm form carries the text back; url-encoded, 1 MB of Cyrillic is 6 MB of form
    data, past DATA_UPLOAD_MAX_MEMORY_SIZE, so the form must post as multipart."""
    long_text = "  summary_ru: |-\n    " + "Наблюдатели " * 80_000 + "\n\n"
    text = SEED.replace("  summary_ru: |-\n", long_text, 1)
    assert 1_500_000 < len(text.encode()) < 2 * 1024 * 1024
    client.force_login(publisher)
    preview = upload(client, text)
    assert (
        '<form method="post" enctype="multipart/form-data">'
        in preview.text.split('id="import-preview"', 1)[1]
    )
    confirm = preview.context["confirm_form"]
    response = client.post(reverse(UPLOAD), {**confirm.initial, "confirm": "1"})  # multipart
    assert response.status_code == 302
    assert Mission.objects.get(slug=SLUG).summary_ru.startswith("Наблюдатели")
