"""Mission documents in two languages: the optional `_ru` fields are read, stored beside the
English, written back only when they have text, and refused when they are malformed."""

import pytest
from django.utils import translation

from missions.interchange import DocumentError, dump_yaml, mission_to_document
from missions.interchange.loading import parse_yaml
from missions.models import (
    DelegationMember,
    Document,
    Meeting,
    MeetingCounterpart,
    Mission,
    Organization,
    Person,
    Region,
)
from tests.documents_helpers import SEED, empty_database, import_text, row_counts

pytestmark = pytest.mark.django_db

SLUG = "kz-senate-2017-ipa-cis"


@pytest.fixture
def seeded():
    import_text(SEED)
    return Mission.objects.get(slug=SLUG)


def export():
    return dump_yaml(mission_to_document(Mission.objects.get(slug=SLUG)))


def without_russian(text):
    """The seed with every `_ru` key (and its block or list) removed."""
    document = parse_yaml(text)
    return dump_yaml(strip_ru(document))


def strip_ru(value):
    if isinstance(value, dict):
        return {k: strip_ru(v) for k, v in value.items() if not k.endswith("_ru")}
    if isinstance(value, list):
        return [strip_ru(v) for v in value]
    return value


# --- reading: the Russian lands in the Russian columns -------------------------------------


def test_seed_mission_and_election_in_russian(seeded):
    assert seeded.title_en.startswith("IPA CIS observation")
    assert seeded.title_ru == "Наблюдение МПА СНГ за выборами в Сенат Казахстана, 2017"
    assert seeded.election.name_ru == "Выборы депутатов Сената Парламента Республики Казахстан"
    assert seeded.summary_ru.startswith("27–29 июня 2017 года Группа наблюдателей МПА СНГ")
    assert len(seeded.summary_ru.split("\n\n")) == 3


def test_seed_official_russian_names_of_organizations(seeded):
    assembly = Organization.objects.get(slug="ipa-cis")
    assert assembly.name_ru == (
        "Межпарламентская Ассамблея государств — участников Содружества Независимых Государств"
    )
    assert assembly.short_name_ru == "МПА СНГ"
    assert Organization.objects.get(slug="kz-majilis").name_ru == (
        "Мажилис Парламента Республики Казахстан"
    )
    assert Organization.objects.get(slug="iimdd-ipa-cis").short_name_ru == "МИМРД МПА СНГ"


def test_seed_offices_places_regions_and_findings_in_russian(seeded):
    coordinator = DelegationMember.objects.get(person__slug="ilyas-umakhanov")
    assert coordinator.position_ru == (
        "заместитель Председателя Совета Федерации Федерального Собрания Российской Федерации"
    )
    tokaev = MeetingCounterpart.objects.get(person__slug="kasym-jomart-tokaev")
    assert tokaev.position_ru == "Председатель Сената Парламента Республики Казахстан"
    assert Meeting.objects.get(kind="press-conference").place_ru == "Астана"
    assert set(Region.objects.values_list("name_ru", flat=True)) == {
        "Астана",
        "Акмолинская область",
        "Карагандинская область",
    }
    findings = Document.objects.get().findings_ru.splitlines()
    assert len(findings) == 2
    assert findings[1].startswith("Центральная избирательная комиссия Республики Казахстан")


def test_russian_site_reads_russian_and_falls_back_to_english(seeded):
    with translation.override("ru"):
        mission = Mission.objects.get(slug=SLUG)
        assert mission.title.startswith("Наблюдение МПА СНГ")
        assert mission.summary_paragraphs()[0].startswith("27–29 июня")
        assert Document.objects.get().findings_list()[0].startswith("По итогам")
        Mission.objects.filter(pk=mission.pk).update(title_ru="")
        assert Mission.objects.get(pk=mission.pk).title.startswith("IPA CIS observation")


def test_people_are_shown_in_cyrillic_on_the_russian_site(seeded):
    person = Person.objects.get(slug="berik-imashev")
    with translation.override("ru"):
        assert str(person) == "Берик Имашев"
    with translation.override("en"):
        assert str(person) == "Berik Imashev"
    person.name_original = "Imashev Berik"  # not Cyrillic: the Latin name is kept
    with translation.override("ru"):
        assert str(person) == "Berik Imashev"


# --- writing: the round trip keeps the Russian, and leaves it out when empty ---------------


def test_round_trip_keeps_russian_byte_for_byte(seeded):
    first = export()
    assert "  title_ru: Наблюдение МПА СНГ за выборами в Сенат Казахстана, 2017\n" in first
    assert "  summary_ru: |-\n    27–29 июня 2017 года" in first
    assert "    region_ru: Акмолинская область\n" in first
    assert "    findings_ru:\n      - По итогам" in first
    empty_database()
    import_text(first, name="exported.yaml")
    assert export() == first


def test_export_does_not_depend_on_the_active_language(seeded):
    english = export()
    with translation.override("ru"):
        assert export() == english


def test_document_without_russian_exports_without_russian_keys():
    import_text(without_russian(SEED))
    text = export()
    assert "_ru:" not in text
    assert "  title: IPA CIS observation" in text
    empty_database()
    import_text(text)
    assert export() == text


def test_reimport_without_russian_clears_the_missions_russian_but_keeps_shared_records(seeded):
    import_text(without_russian(SEED))
    mission = Mission.objects.get(slug=SLUG)
    assert mission.title_ru == ""
    # mission/2, changed rule 1: a shared record keeps what a document leaves out (an
    # English-only document no longer wipes the assembly's Russian name)
    assembly = Organization.objects.get(slug="ipa-cis")
    assert (assembly.name_ru, assembly.short_name_ru) == (
        "Межпарламентская Ассамблея государств — участников Содружества Независимых Государств",
        "МПА СНГ",
    )
    # regions are shared between missions: a document that does not name them in Russian
    # leaves the Russian name another document gave
    assert Region.objects.get(name="Astana").name_ru == "Астана"


def test_adding_russian_to_a_stored_mission_counts_as_an_update():
    import_text(without_russian(SEED))
    report = import_text(SEED)
    assert report.count(Mission, "updated") == 1
    assert Mission.objects.get(slug=SLUG).title_ru.startswith("Наблюдение")


# --- refusing: malformed Russian fields are named like any other ---------------------------


def refused(text):
    before = row_counts()
    with pytest.raises(DocumentError) as error:
        import_text(text)
    assert row_counts() == before
    return [str(p) for p in error.value.problems]


def test_misspelt_russian_key_is_refused_with_a_suggestion():
    text = SEED.replace("  title_ru:", "  titel_ru:", 1)
    assert "kz.yaml: mission.titel_ru: unknown key (did you mean title_ru?)" in refused(text)


def test_russian_title_too_long_is_refused():
    text = SEED.replace(
        "  title_ru: Наблюдение МПА СНГ за выборами в Сенат Казахстана, 2017",
        "  title_ru: " + "Я" * 301,
        1,
    )
    assert "kz.yaml: mission.title_ru: is too long (at most 300 characters)" in refused(text)


def test_russian_findings_must_be_one_line_each():
    text = SEED.replace("      - По итогам", "      - |-\n        По итогам\n        два", 1)
    assert "kz.yaml: documents[0].findings_ru[0]: a finding must be a single line" in refused(text)


def test_russian_position_must_be_text():
    text = SEED.replace(
        "        position_ru: Председатель Сената Парламента Республики Казахстан",
        "        position_ru: [Председатель]",
        1,
    )
    assert "kz.yaml: meetings[0].counterparts[0].position_ru: must be text, not a list" in refused(
        text
    )
