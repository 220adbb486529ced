"""Rosters: a spreadsheet of members previewed, then imported into a mission's delegations."""

import csv
import io
import stat
import tempfile
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from missions.models import Delegation, DelegationMember, Person

IMPORT = "admin:missions_delegationmember_import"
PROCESS = "admin:missions_delegationmember_process_import"

ROSTER = (
    "name,country,role,position\n"
    "Ilyas Umakhanov,RU,coordinator,Deputy Speaker of the Federation Council\n"
    "Nina Kovaleva,Belarus,observer,Member of the House of Representatives\n"
)


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.ROSTER_UPLOAD_DIR = tmp_path / "roster-uploads"
    return settings.ROSTER_UPLOAD_DIR


def upload(client, mission, text, name="roster.csv"):
    return client.post(
        reverse(IMPORT),
        {
            "mission": str(mission.pk),
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile(name, text.encode(), content_type="text/csv"),
        },
    )


def test_preview_shows_the_rows_and_writes_nothing(client, publisher, mission, person):
    client.force_login(publisher)
    response = upload(client, mission, ROSTER)
    assert response.status_code == 200
    assert "Nina Kovaleva" in response.text
    assert 'name="mission"' in response.text  # carried to the confirm step
    assert not Delegation.objects.exists()
    assert not DelegationMember.objects.exists()
    assert not Person.objects.filter(name="Nina Kovaleva").exists()


def test_confirmed_roster_fills_the_delegations(client, publisher, mission, person):
    client.force_login(publisher)
    preview = upload(client, mission, ROSTER)
    confirm = preview.context["confirm_form"]
    response = client.post(reverse(PROCESS), {**confirm.initial, "mission": str(mission.pk)})
    assert response.status_code == 302
    members = DelegationMember.objects.filter(delegation__mission=mission)
    rows = sorted((m.person.name, str(m.delegation), m.role) for m in members)
    assert rows == [
        ("Ilyas Umakhanov", "Russian Federation", "coordinator"),
        ("Nina Kovaleva", "Belarus", "observer"),
    ]
    # The existing person was reused, not duplicated.
    assert Person.objects.filter(name="Ilyas Umakhanov").count() == 1
    # The import shows in the mission's history.
    assert Version.objects.get_for_object(mission).get().revision.user == publisher


def test_bad_rows_are_named_and_nothing_is_offered_for_import(client, publisher, mission):
    client.force_login(publisher)
    text = "name,country,role,position\nA Person,Atlantis,observer,\nB Person,RU,emperor,\n"
    response = upload(client, mission, text)
    assert "Unknown sending nation or body: Atlantis" in response.text
    assert "Unknown role: emperor" in response.text
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not DelegationMember.objects.exists()


def test_editor_may_not_import(client, editor, mission):
    client.force_login(editor)
    assert client.get(reverse(IMPORT)).status_code == 403
    assert upload(client, mission, ROSTER).status_code == 403
    assert not DelegationMember.objects.exists()


def test_mission_page_links_to_roster_import_for_importers(client, publisher, editor, mission):
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    client.force_login(publisher)
    assert f"{reverse(IMPORT)}?mission={mission.pk}" in client.get(url).text
    client.force_login(editor)
    assert "Import roster" not in client.get(url).text


@pytest.fixture
def formula_member(member):
    member.position = '=HYPERLINK("http://evil.example","click")'
    member.save()
    return member


def test_export_escapes_formulas(admin_client, formula_member):
    response = admin_client.post(
        reverse("admin:missions_delegationmember_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"rosterresource_{name}": "on" for name in ("name", "country", "role", "position")},
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ilyas Umakhanov" in text
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    # Kept whole as text (OWASP: a leading apostrophe), not run as a formula.
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


def test_roster_file_round_trip_reads_xlsx(client, publisher, mission):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "country", "role", "position"])
    sheet.append(["Nina Kovaleva", "BY", "head of delegation", "Deputy"])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(publisher)
    response = client.post(
        reverse(IMPORT),
        {
            "mission": str(mission.pk),
            "resource": "0",
            "format": "1",
            "import_file": SimpleUploadedFile("roster.xlsx", buffer.getvalue()),
        },
    )
    assert "Nina Kovaleva" in response.text
    assert response.context["confirm_form"] is not None


def confirm_with(client, mission, file_name):
    return client.post(
        reverse(PROCESS),
        {
            "import_file_name": file_name,
            "original_file_name": "roster.csv",
            "format": "0",
            "resource": "0",
            "mission": str(mission.pk),
        },
    )


def test_upload_waits_privately_under_a_name_the_server_chose(
    client, publisher, mission, upload_dir
):
    client.force_login(publisher)
    name = (
        upload(client, mission, ROSTER, name="../../etc/roster.csv")
        .context["confirm_form"]
        .initial["import_file_name"]
    )
    stored = upload_dir / name
    assert len(name) == 32 and stored.is_file()
    assert stored.read_text() == ROSTER
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(upload_dir.stat().st_mode) == 0o700
    assert confirm_with(client, mission, name).status_code == 302
    assert not stored.exists()  # gone once imported
    assert DelegationMember.objects.filter(delegation__mission=mission).count() == 2


def test_confirm_refuses_any_file_name_the_server_did_not_choose(client, publisher, mission):
    """Issue 16: the confirm step read, imported and deleted a file outside its folder."""
    victim = Path(tempfile.gettempdir()) / f"victim-{uuid.uuid4().hex}.txt"
    victim.write_text(ROSTER)  # a valid roster, so a leak would import it
    client.force_login(publisher)
    try:
        for name in (f"../../tmp/{victim.name}", str(victim), victim.name, "../" + "0" * 32):
            assert confirm_with(client, mission, name).status_code == 400, name
        assert victim.read_text() == ROSTER
    finally:
        victim.unlink(missing_ok=True)
    assert not DelegationMember.objects.exists()


def test_confirm_of_an_upload_no_longer_kept_asks_for_it_again(client, publisher, mission):
    client.force_login(publisher)
    response = confirm_with(client, mission, uuid.uuid4().hex)
    assert response.status_code == 302
    assert response["Location"] == reverse(IMPORT)
    page = client.get(response["Location"]).text
    assert "This upload is no longer on the server" in page
    assert not DelegationMember.objects.exists()
