"""Imports are findable and refusals say what is missing (issue 19, item 3)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from missions.models import DelegationMember, Person

pytestmark = pytest.mark.django_db

LIST = reverse("admin:missions_mission_changelist")
UPLOAD = reverse("admin:missions_mission_import_document")
ROSTER = reverse("admin:missions_delegationmember_import")


def test_the_mission_list_shows_the_import_links_to_a_publisher(client, publisher, mission):
    client.force_login(publisher)
    page = client.get(LIST).text
    assert f'href="{UPLOAD}"' in page
    assert f'href="{ROSTER}"' in page
    assert "Recover deleted missions" in page  # reversion's own link is kept


def test_an_editor_sees_no_import_link_and_is_told_who_grants_it(client, editor, mission):
    client.force_login(editor)
    assert f'href="{UPLOAD}"' not in client.get(LIST).text
    for url in (UPLOAD, ROSTER):
        response = client.get(url)
        assert response.status_code == 403
        text = response.text
        assert "Can import mission documents and rosters" in text
        assert "Publishers group" in text
        assert "superuser" in text


def test_the_refusal_is_in_russian_for_a_russian_editor(client, editor):
    client.force_login(editor)
    response = client.get(UPLOAD, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 403
    assert "Может загружать документы миссий и списки участников" in response.text
    assert "группы «Publishers (публикаторы)»" in response.text
    assert "суперпользователя" in response.text


def roster_upload(client, mission, data, name="roster.csv", format_=""):
    return client.post(
        ROSTER,
        {
            "mission": str(mission.pk),
            "resource": "0",
            "format": format_,
            "import_file": SimpleUploadedFile(name, data, content_type="text/csv"),
        },
    )


def confirm(client, preview, mission):
    form = preview.context["confirm_form"]
    process = reverse("admin:missions_delegationmember_process_import")
    return client.post(process, {**form.initial, "mission": str(mission.pk)})


@pytest.fixture
def nigmatulin(db):
    return Person.objects.create(
        slug="nurlan-nigmatulin", name="Nurlan Nigmatulin", name_original="Нурлан Нигматулин"
    )


def test_a_windows_1251_semicolon_roster_matches_by_cyrillic_name_ignoring_case_and_yo(
    client, publisher, mission, nigmatulin, person
):
    client.force_login(publisher)
    text = (
        "Имя;Страна;Роль;Должность\r\n"
        "НУРЛАН НИГМАТУЛИН;KZ;observer;Председатель Мажилиса\r\n"
        "Пётр Семёнов;RU;observer;Депутат\r\n"
        "ilyas umakhanov;RU;coordinator;\r\n"
    )
    preview = roster_upload(client, mission, text.encode("cp1251"))
    assert preview.status_code == 200
    page = preview.text
    assert "matches existing person Nurlan Nigmatulin / Нурлан Нигматулин" in page
    assert "matches existing person Ilyas Umakhanov / Ильяс Умаханов" in page
    assert page.count("will create a person") == 1
    assert confirm(client, preview, mission).status_code == 302
    assert Person.objects.filter(name_original__in=["Нурлан Нигматулин"]).count() == 1
    member = DelegationMember.objects.get(person=nigmatulin)
    assert (member.position_en or "", member.position_ru) == ("", "Председатель Мажилиса")
    created = Person.objects.get(name_original="Пётр Семёнов")
    assert (created.name, created.slug, created.country.code) == (
        "Petr Semenov",
        "petr-semenov",
        "RU",
    )


def test_a_second_roster_row_for_a_cyrillic_name_matches_with_yo_written_as_e(
    client, publisher, mission
):
    Person.objects.create(slug="petr-semenov", name="Petr Semenov", name_original="Пётр Семёнов")
    client.force_login(publisher)
    preview = roster_upload(client, mission, "name,country\nПетр Семенов,RU\n".encode())
    assert "matches existing person Petr Semenov / Пётр Семёнов (petr-semenov)" in preview.text


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffname\tcountry\tposition\nNina Kovaleva\tBY\tDeputy\n".encode(),
        b"name,country,position\nNina Kovaleva,BY,Deputy\n",
        "name;country;position\nNina Kovaleva;BY;Deputy\n".encode("cp1251"),
    ],
    ids=["utf-8 bom tab", "utf-8 comma", "cp1251 semicolon"],
)
def test_roster_encoding_and_separator_are_found_and_the_format_from_the_name(
    client, publisher, mission, data
):
    client.force_login(publisher)
    preview = roster_upload(client, mission, data)
    assert preview.context["confirm_form"] is not None
    assert confirm(client, preview, mission).status_code == 302
    member = DelegationMember.objects.get(person__name="Nina Kovaleva")
    assert (str(member.delegation), member.position_en) == ("Belarus", "Deputy")


def test_an_english_position_column_stays_english_in_the_russian_admin(client, publisher, mission):
    client.force_login(publisher)
    data = "name,country,position,position_ru\nNina Kovaleva,BY,Deputy,Депутат\n".encode()
    preview = client.post(
        ROSTER,
        {
            "mission": str(mission.pk),
            "resource": "0",
            "import_file": SimpleUploadedFile("r.csv", data, content_type="text/csv"),
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    form = preview.context["confirm_form"]
    process = reverse("admin:missions_delegationmember_process_import")
    client.post(process, {**form.initial, "mission": str(mission.pk)}, HTTP_ACCEPT_LANGUAGE="ru")
    member = DelegationMember.objects.get(person__name="Nina Kovaleva")
    assert (member.position_en, member.position_ru) == ("Deputy", "Депутат")


def test_a_file_of_unknown_kind_asks_for_the_format(client, publisher, mission):
    client.force_login(publisher)
    preview = roster_upload(client, mission, b"name,country\n", name="roster.ods")
    assert preview.context["form"].errors["format"] == [
        "Choose the format: roster.ods is neither .csv nor .xlsx."
    ]
