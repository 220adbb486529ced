# ruff: noqa: E501 - the table of bad documents quotes whole messages
"""Format mission/2: real-shaped documents (tests/documents/), every new key imported and
exported, the round trip with files, shared records (changed rule 1), either language (rule 3),
and bad mission/2 documents refused with their place named and nothing written."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from missions.interchange import DocumentError, Source, import_sources, mission_to_document
from missions.interchange.exporting import dump_yaml
from missions.interchange.loading import sources_from_paths
from missions.models import (
    Assessment,
    Delegation,
    DocumentFile,
    Election,
    ElectionResult,
    Meeting,
    Mission,
    MissionFigures,
    MissionPartner,
    Organization,
    OrganizationMembership,
    Recommendation,
    Visit,
)

from .documents_helpers import SEED, empty_database, import_text, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    import_text(SEED)
    return Mission.objects.get(slug="kz-senate-2017-ipa-cis")


DOCUMENTS = Path(__file__).resolve().parent / "documents"
REAL = sorted(DOCUMENTS.glob("*.yaml"))
EXAMPLE = DOCUMENTS / "example"
PDF = EXAMPLE / "example-presidential-2031-assembly" / "preliminary-en.pdf"


def import_paths(*paths, **options):
    out = StringIO()
    call_command("import_missions", *map(str, paths), stdout=out, **options)
    return out.getvalue()


def export_all(folder):
    call_command("export_missions", "--out", str(folder), stdout=StringIO())
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def round_trip(tmp_path):
    """Export everything, import it into an empty database, export again: both exports."""
    first = export_all(tmp_path / "first")
    empty_database()
    DocumentFile.objects.all().delete()
    import_paths(tmp_path / "first")
    return first, export_all(tmp_path / "second")


# --- the contract's example and the real-shaped missions -------------------------------------


def test_the_contracts_example_imports_with_its_earlier_mission_and_round_trips(tmp_path):
    import_paths(EXAMPLE)
    mission = Mission.objects.get(slug="example-presidential-2031-assembly")
    assert mission.partners.get().organization.slug == "example-institute"
    assert mission.figures.stated()["polling_stations"] == 410
    assert [e.slug for e in mission.also_observed.all()] == ["am-referendum-2031"]
    assert Assessment.objects.get().recommendation.mission.slug == (
        "example-parliamentary-2028-assembly"
    )
    first, second = round_trip(tmp_path)
    assert first == second
    # the file comes back byte for byte, beside the document, at the path it names
    assert first["example-presidential-2031-assembly/preliminary-en.pdf"] == PDF.read_bytes()
    text = first["example-presidential-2031-assembly.yaml"].decode()
    assert text.startswith("format: mission/2\n")
    assert "      - path: example-presidential-2031-assembly/preliminary-en.pdf\n" in text


def test_every_new_key_of_the_example_is_stored():
    import_paths(EXAMPLE)
    mission = Mission.objects.get(slug="example-presidential-2031-assembly")
    election = mission.election
    assert [(r.number, r.voting_day.isoformat(), r.kind) for r in election.rounds.all()] == [
        (1, "2031-04-05", "first"),
        (2, "2031-04-19", "run-off"),
    ]
    results = ElectionResult.objects.filter(round__election=election).order_by("round__number")
    assert [(r.round.number, str(r.turnout), r.preliminary) for r in results] == [
        (1, "48.25", False),
        (2, "51.03", True),
    ]
    assert [o.option for o in results[0].outcomes.all()] == ["Candidate One", "Candidate Two"]
    referendum = mission.also_observed.get()
    assert referendum.questions.get().text_ru == "Одобряете ли вы поправки к Конституции?"
    assembly = Organization.objects.get(slug="example-assembly")
    assert assembly.url == "https://example.org/assembly"
    assert sorted(m.country.code for m in assembly.memberships.all()) == ["AM", "BY", "GE"]
    assert Organization.objects.get(slug="candidate-one-campaign").kind == "campaign"
    members = {m.person.slug: m for d in mission.delegations.all() for m in d.members.all()}
    assert members["anna-example"].group == "Example Group"
    assert members["carla-example"].round.number == 2
    assert Delegation.objects.get(mission=mission, country__code="AM").partner.slug == (
        "example-institute"
    )
    undated = mission.meetings.filter(date__isnull=True)
    assert undated.count() == 2 and undated.filter(kind=Meeting.Kind.MILESTONE).count() == 1
    abroad = Visit.objects.get(mission=mission, country__code="RU")
    assert (abroad.region.name, abroad.region.country.code) == ("Moscow", "RU")
    statement, report = mission.documents.order_by("date")
    assert statement.url.endswith("2031-am-preliminary")
    assert [o.slug for o in statement.co_issuers.all()] == ["example-institute"]
    assert [r.number for r in report.rounds.all()] == [1, 2]
    assert report.issuer.slug == "example-institute"
    file = statement.files.get()
    assert (file.language, file.title, file.size) == ("en", "Statement (PDF)", PDF.stat().st_size)
    with file.file.open("rb") as stored:
        assert stored.read() == PDF.read_bytes()
    recommendation = Recommendation.objects.get(mission=mission, number=1)
    assert (recommendation.topic, recommendation.priority) == ("campaign-finance", True)
    assert mission.phases.count() == 2 and mission.sources.count() == 2
    assert mission.figures.figures_note_ru.startswith("Данные второго тура")


def test_the_real_shaped_missions_import_round_trip_and_reimport_unchanged(tmp_path):
    import_paths(*REAL)
    report = import_paths(*REAL)
    assert "created" not in report.replace("created or changed", "")
    assert "updated" not in report and "deleted" not in report
    first, second = round_trip(tmp_path)
    assert first == second
    assert len([name for name in first if name.endswith(".yaml")]) == len(REAL)


def test_a_run_off_inside_a_larger_cis_mission():
    import_paths(DOCUMENTS / "md-presidential-2016.yaml")
    mission = Mission.objects.get(slug="md-presidential-2016-ipa-cis")
    assert mission.figures.stated() == {"observers": 243, "countries": 9}
    assert mission.figures.figures_note == "the CIS mission's observers on the run-off"
    assert [v.round.number for v in mission.visits.order_by("date")] == [1, 2]
    result = ElectionResult.objects.get(round__election__slug="md-presidential-2016")
    assert result.round.number == 2


def test_a_referendum_on_the_same_day_with_stations_abroad_in_russian_only(tmp_path):
    import_paths(DOCUMENTS / "kg-referendum-2021.yaml")
    mission = Mission.objects.get(slug="kg-presidential-2021-ipa-cis")
    assert (mission.title_en or "", mission.title_ru.startswith("Наблюдение")) == ("", True)
    assert mission.election.name_en in (None, "")
    referendum = Election.objects.get(slug="kg-referendum-2021")
    assert (
        mission in referendum.missions_also.all()
        if hasattr(referendum, "missions_also")
        else (referendum in mission.also_observed.all())
    )
    assert Visit.objects.get(mission=mission, country__code="RU").region.country.code == "RU"
    text = dump_yaml(mission_to_document(mission))
    assert "  title:" not in text and "  title_ru: Наблюдение" in text
    empty_database()
    import_text(text, name="kg.yaml")
    assert dump_yaml(mission_to_document(Mission.objects.get(slug=mission.slug))) == text


def test_a_joint_mission_with_partner_delegations_and_a_joint_statement():
    import_paths(DOCUMENTS / "am-presidential-joint.yaml")
    mission = Mission.objects.get(slug="am-presidential-2013-odihr")
    heads = {
        p.organization.slug: p.head.slug for p in MissionPartner.objects.filter(mission=mission)
    }
    assert heads == {"pace-joint": "eva-example", "europarl": "fritz-example"}
    # one delegation per sender and partner: Sweden sent one to each partner's part
    assert Delegation.objects.filter(mission=mission, country__code="SE").count() == 2
    statement = mission.documents.get()
    assert sorted(o.slug for o in statement.co_issuers.all()) == ["europarl", "pace-joint"]
    # no member nations are made of the sending countries (changed rule 2)
    assert not OrganizationMembership.objects.exists()


def test_a_long_term_mission_with_phases_and_recommendations():
    import_paths(DOCUMENTS / "ua-odihr-ltm.yaml")
    mission = Mission.objects.get(slug="ua-parliamentary-2019-odihr")
    assert [p.kind for p in mission.phases.order_by("order")] == ["long-term", "short-term"]
    assert MissionFigures.objects.get(mission=mission).long_term_observers == 80
    numbers = Recommendation.objects.filter(mission=mission).values_list("number", "priority")
    assert sorted(numbers) == [(1, True), (2, False)]
    assert Recommendation.objects.get(mission=mission, number=2).text_ru.startswith("Обеспечить")


def test_a_parliamentary_election_with_groups_milestones_and_undated_meetings():
    import_paths(DOCUMENTS / "ge-parliamentary-2020.yaml")
    mission = Mission.objects.get(slug="ge-parliamentary-2020-pace")
    groups = sorted(m.group for d in mission.delegations.all() for m in d.members.all())
    assert groups == ["EPP", "SOC"]
    milestone = mission.meetings.get(kind=Meeting.Kind.MILESTONE)
    assert milestone.date.isoformat() == "2020-07-15"  # before the mission starts
    assert mission.meetings.filter(date__isnull=True).count() == 1
    assert Organization.objects.get(slug="georgian-dream-example").kind == "party"
    outcome = ElectionResult.objects.get(round__election=mission.election).outcomes.get()
    assert outcome.seats == 90


def test_a_mission_1_document_still_imports():
    text = SEED.replace("format: mission/2", "format: mission/1", 1)
    text = re.sub(r"    members: \[.*\]\n", "", text)
    text = re.sub(r"  figures:\n    countries: 6\n", "", text)
    assert text.startswith("format: mission/1\n") and "figures" not in text
    report = import_text(text)
    assert report.count(Mission, "created") == 1
    assert not MissionFigures.objects.exists() and not OrganizationMembership.objects.exists()


# --- shared records (changed rule 1) ----------------------------------------------------------

ASSEMBLY_RU = (
    "Межпарламентская Ассамблея государств — участников Содружества Независимых Государств"
)


def test_omission_keeps_a_shared_records_russian_name(seeded):
    import_paths(DOCUMENTS / "md-presidential-2016.yaml")  # names ipa-cis in English only
    assembly = Organization.objects.get(slug="ipa-cis")
    assert (assembly.name_ru, assembly.short_name_ru, assembly.kind) == (
        ASSEMBLY_RU,
        "МПА СНГ",
        "assembly",
    )


def renamed_assembly(slug="md-presidential-2016-ipa-cis"):
    text = (DOCUMENTS / "md-presidential-2016.yaml").read_text(encoding="utf-8")
    return text.replace(
        "    name: Interparliamentary Assembly of the Commonwealth of Independent States\n",
        "    name: Inter-Parliamentary Assembly of the CIS\n",
    ).replace("md-presidential-2016-ipa-cis", slug)


def test_a_differing_value_for_a_record_another_mission_uses_is_refused(seeded):
    before = row_counts()
    with pytest.raises(DocumentError) as error:
        import_text(renamed_assembly(), name="md.yaml")
    assert [str(p) for p in error.value.problems] == [
        'md.yaml: organizations[0].name: differs from the stored "Interparliamentary Assembly '
        'of the Commonwealth of Independent States" (used by 1 other mission: '
        "kz-senate-2017-ipa-cis); import with --update-shared to change it"
    ]
    assert row_counts() == before


def test_update_shared_applies_the_change_and_the_report_lists_it(seeded, tmp_path):
    path = tmp_path / "md.yaml"
    path.write_text(renamed_assembly(), encoding="utf-8")
    with pytest.raises(CommandError, match="--update-shared"):
        import_paths(path)
    report = import_paths(path, update_shared=True)
    assert Organization.objects.get(slug="ipa-cis").name_en == (
        "Inter-Parliamentary Assembly of the CIS"
    )
    assert (
        'organization ipa-cis: name: "Interparliamentary Assembly of the Commonwealth of '
        'Independent States" → "Inter-Parliamentary Assembly of the CIS"'
    ) in report
    assert "election md-presidential-2016: created" in report


def test_a_record_no_other_mission_uses_takes_a_differing_value():
    import_paths(DOCUMENTS / "md-presidential-2016.yaml")
    report = import_text(renamed_assembly(), name="md.yaml")
    assert Organization.objects.get(slug="ipa-cis").name_en.startswith("Inter-Parliamentary")
    assert "organization ipa-cis: name:" in report.as_text()


def test_filling_in_an_empty_field_is_not_a_disagreement(seeded):
    text = (DOCUMENTS / "md-presidential-2016.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    name: Interparliamentary Assembly of the Commonwealth of Independent States\n",
        "    name: Interparliamentary Assembly of the Commonwealth of Independent States\n"
        "    url: https://iacis.ru/\n",
    )
    report = import_text(text, name="md.yaml")
    assert Organization.objects.get(slug="ipa-cis").url == "https://iacis.ru/"
    assert 'organization ipa-cis: url: "" → "https://iacis.ru/"' in report.as_text()


def test_two_documents_of_one_run_that_disagree_are_refused():
    first = (DOCUMENTS / "md-presidential-2016.yaml").read_text(encoding="utf-8")
    second = renamed_assembly("md-second-2016-ipa-cis")
    before = row_counts()
    with pytest.raises(DocumentError) as error:
        import_sources([Source("one.yaml", first), Source("two.yaml", second)])
    assert [str(p) for p in error.value.problems] == [
        'two.yaml: organizations[0].name: differs from the stored "Interparliamentary Assembly '
        'of the Commonwealth of Independent States" (used by 1 other mission: '
        "md-presidential-2016-ipa-cis); import with --update-shared to change it"
    ]
    assert row_counts() == before


def test_an_election_shared_with_another_mission_is_not_silently_renamed(seeded):
    text = SEED.replace("slug: kz-senate-2017-ipa-cis", "slug: kz-senate-2017-other", 1).replace(
        "    name: Elections to the Senate of the Parliament of the Republic of Kazakhstan\n",
        "    name: Senate elections\n",
    )
    with pytest.raises(DocumentError) as error:
        import_text(text, name="other.yaml")
    assert str(error.value.problems[0]).startswith(
        'other.yaml: mission.election.name: differs from the stored "Elections to the Senate'
    )


# What a shared record holds: an election's rounds, questions and results, an organization's
# parent. The second mission observed the same election (md-presidential-2016).

MD = (DOCUMENTS / "md-presidential-2016.yaml").read_text(encoding="utf-8")
USED_BY_MD = (
    "(used by 1 other mission: md-presidential-2016-ipa-cis); import with --update-shared to "
    "change it"
)


def second_mission(*edits):
    text = MD.replace("slug: md-presidential-2016-ipa-cis", "slug: md-second-2016-ipa-cis")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def md_imported():
    import_text(MD, name="md.yaml")


def refusal(text, **options):
    """The problems of importing `text` as second.yaml; nothing is written."""
    before = row_counts()
    with pytest.raises(DocumentError) as error:
        import_text(text, name="second.yaml", **options)
    assert row_counts() == before
    return [str(p) for p in error.value.problems]


def refused_then_applied(text, expected, listed):
    """Importing `text` is refused with `expected`; with update_shared it is applied and the
    report lists `listed`."""
    assert refusal(text) == expected
    report = import_text(text, name="second.yaml", update_shared=True).as_text()
    for line in listed:
        assert line in report


MOVED_RUN_OFF = (
    "      - {number: 2, voting_day: 2016-11-13}",
    "      - {number: 2, voting_day: 2016-11-12}",
)


def test_a_shared_elections_round_is_not_silently_moved(md_imported):
    refused_then_applied(
        second_mission(MOVED_RUN_OFF),
        [
            "second.yaml: mission.election.rounds[1].voting_day: differs from the stored "
            f'"2016-11-13" {USED_BY_MD}'
        ],
        ['election md-presidential-2016: rounds[1].voting_day: "2016-11-13" → "2016-11-12"'],
    )
    assert (
        Election.objects.get(slug="md-presidential-2016")
        .rounds.get(number=2)
        .voting_day.isoformat()
        == "2016-11-12"
    )


WITHOUT_RUN_OFF = (
    ("      - {number: 2, voting_day: 2016-11-13}\n", ""),
    ("    results:\n      - round: 2\n", "    results:\n      - round: 1\n"),
    (", round: 2}", "}"),
    (", round: 2,", ","),
)


def test_a_shared_elections_round_is_not_silently_removed(md_imported):
    assert refusal(second_mission(*WITHOUT_RUN_OFF)) == [
        f'second.yaml: mission.election.rounds: differs from the stored "2 2016-11-13" {USED_BY_MD}',
        'second.yaml: mission.election.results: differs from the stored "round 2: turnout '
        f'53.54; Igor Dodon 52.11, Maia Sandu 47.89" {USED_BY_MD}',
    ]


def test_a_round_the_other_mission_names_stays_even_with_update_shared(md_imported):
    assert refusal(second_mission(*WITHOUT_RUN_OFF), update_shared=True) == [
        "second.yaml: mission.election.rounds: round 2 is still named by a visit, document or member"
    ]


def test_a_new_round_of_a_shared_election_is_filled_in_and_listed(md_imported):
    text = second_mission(
        (
            "      - {number: 2, voting_day: 2016-11-13}\n",
            "      - {number: 2, voting_day: 2016-11-13}\n      - {number: 3, voting_day: 2016-11-14, kind: repeat}\n",
        )
    )
    report = import_text(text, name="second.yaml").as_text()
    assert 'election md-presidential-2016: rounds[2].voting_day: "" → "2016-11-14"' in report
    assert Election.objects.get(slug="md-presidential-2016").rounds.count() == 3


CHANGED_RESULT = ("{option: Igor Dodon, percent: 52.11}", "{option: Igor Dodon, percent: 52.1}")


def test_a_shared_elections_results_are_not_silently_changed(md_imported):
    refused_then_applied(
        second_mission(CHANGED_RESULT),
        [
            'second.yaml: mission.election.results: differs from the stored "round 2: turnout '
            f'53.54; Igor Dodon 52.11, Maia Sandu 47.89" {USED_BY_MD}'
        ],
        [
            'election md-presidential-2016: results: "round 2: turnout 53.54; Igor Dodon 52.11, '
            'Maia Sandu 47.89" → "round 2: turnout 53.54; Igor Dodon 52.1, Maia Sandu 47.89"'
        ],
    )
    outcome = ElectionResult.objects.get(
        round__election__slug="md-presidential-2016"
    ).outcomes.first()
    assert str(outcome.percent) == "52.10"


def test_omitted_rounds_and_results_of_a_shared_election_keep(md_imported):
    text = second_mission(
        (
            "    rounds:\n      - {number: 1, voting_day: 2016-10-30}\n      - {number: 2, voting_day: 2016-11-13}\n",
            "",
        ),
        (
            "    results:\n      - round: 2\n        turnout: 53.54\n        outcomes:\n          - {option: Igor Dodon, percent: 52.11}\n          - {option: Maia Sandu, percent: 47.89}\n",
            "",
        ),
        (", round: 2}", "}"),
        (", round: 2,", ","),
    )
    import_text(text, name="second.yaml")
    election = Election.objects.get(slug="md-presidential-2016")
    assert [r.number for r in election.rounds.all()] == [1, 2]
    assert ElectionResult.objects.filter(round__election=election).count() == 1


KG = (DOCUMENTS / "kg-referendum-2021.yaml").read_text(encoding="utf-8")
USED_BY_KG = (
    "(used by 1 other mission: kg-presidential-2021-ipa-cis); import with --update-shared to "
    "change it"
)
QUESTION = "        - text_ru: Какую форму правления Кыргызской Республики вы поддерживаете?\n"


def second_referendum_mission(old, new):
    text = KG.replace("slug: kg-presidential-2021-ipa-cis", "slug: kg-second-2021-ipa-cis")
    assert old in text, old
    return text.replace(old, new)


def test_a_shared_referendums_question_is_not_silently_reworded():
    import_text(KG, name="kg.yaml")
    refused_then_applied(
        second_referendum_mission("вы поддерживаете?", "вы выбираете?"),
        [
            "second.yaml: mission.also_observed[0].questions[0].text_ru: differs from the stored "
            f'"Какую форму правления Кыргызской Республики вы поддерживаете?" {USED_BY_KG}'
        ],
        [
            'election kg-referendum-2021: questions[0].text_ru: "Какую форму правления '
            'Кыргызской Республики вы поддерживаете?" → "Какую форму правления Кыргызской '
            'Республики вы выбираете?"'
        ],
    )


def test_a_shared_referendums_question_keeps_its_other_language_and_is_not_silently_removed():
    import_text(KG, name="kg.yaml")
    english = "        - text: Which form?\n"
    report = import_text(second_referendum_mission(QUESTION, english), name="second.yaml")
    question = Election.objects.get(slug="kg-referendum-2021").questions.get()
    assert (question.text_en, question.text_ru) == (
        "Which form?",
        "Какую форму правления Кыргызской Республики вы поддерживаете?",
    )
    assert 'election kg-referendum-2021: questions[0].text: "" → "Which form?"' in report.as_text()
    two = english + "        - text: A second question?\n"
    import_text(second_referendum_mission(QUESTION, two), name="second.yaml")
    assert refusal(second_referendum_mission(QUESTION, english)) == [
        "second.yaml: mission.also_observed[0].questions: differs from the stored "
        f'"A second question?" {USED_BY_KG}'
    ]


def test_an_organizations_parent_is_not_silently_changed(seeded):
    text = MD.replace(
        "  - slug: cis-observation-mission\n",
        "  - slug: ipa-cis-council-secretariat\n    name: IPA CIS Council Secretariat\n"
        "    parent: iimdd-ipa-cis\n  - slug: cis-observation-mission\n",
    )
    refused_then_applied(
        text,
        [
            'second.yaml: organizations[1].parent: differs from the stored "ipa-cis" (used by 1 '
            "other mission: kz-senate-2017-ipa-cis); import with --update-shared to change it"
        ],
        ['organization ipa-cis-council-secretariat: parent: "ipa-cis" → "iimdd-ipa-cis"'],
    )
    assert (
        Organization.objects.get(slug="ipa-cis-council-secretariat").parent.slug == "iimdd-ipa-cis"
    )


def test_an_organizations_parent_is_not_silently_blanked_but_filled_in(seeded):
    def with_entry(lines):
        return MD.replace(
            "  - slug: cis-observation-mission\n", lines + "  - slug: cis-observation-mission\n"
        )

    secretariat = "  - slug: ipa-cis-council-secretariat\n    name: IPA CIS Council Secretariat\n"
    assert refusal(with_entry(secretariat + '    parent: ""\n')) == [
        'second.yaml: organizations[1].parent: differs from the stored "ipa-cis" (used by 1 '
        "other mission: kz-senate-2017-ipa-cis); import with --update-shared to change it"
    ]
    commission = (
        "  - slug: kz-cec\n    name: Central Election Commission of the Republic of Kazakhstan\n"
    )
    report = import_text(with_entry(commission + "    parent: kz-parliament\n"), name="second.yaml")
    assert Organization.objects.get(slug="kz-cec").parent.slug == "kz-parliament"
    assert 'organization kz-cec: parent: "" → "kz-parliament"' in report.as_text()


# --- import messages (item 7) ----------------------------------------------------------------


def problems_of(text, name="kz.yaml"):
    before = row_counts()
    with pytest.raises(DocumentError) as error:
        import_text(text, name=name)
    assert row_counts() == before
    return [str(p) for p in error.value.problems]


def test_each_missing_required_key_is_reported_once():
    text = SEED.replace("  observer_body: ipa-cis\n", "", 1).replace(
        "  monitoring: short-term\n", "", 1
    )
    # once each (jsonschema reports each missing key with the list of all of them)
    assert sorted(problems_of(text)) == [
        "kz.yaml: mission.monitoring: is required",
        "kz.yaml: mission.observer_body: is required",
    ]


def test_problems_are_listed_in_document_order():
    text = SEED.replace("  monitoring: short-term\n", "  monitoring: sometimes\n", 1).replace(
        "  starts: 2017-06-27\n", "  starts: 27.06.2017\n", 1
    )
    problems = problems_of(text.replace("  observer_body: ipa-cis\n", "  observer_body: IPA\n"))
    assert [p.split(": ")[1] for p in problems] == [
        "mission.observer_body",
        "mission.monitoring",
        "mission.starts",
    ]


def test_an_unquoted_colon_says_to_put_the_value_in_quotes():
    text = SEED.replace("  title: IPA CIS observation", "  title: IPA CIS: observation", 1)
    (problem,) = problems_of(text)
    assert "must be put in quotes" in problem


def test_reference_problems_come_in_the_same_run_as_schema_problems():
    text = SEED.replace("  starts: 2017-06-27\n", "  starts: 27.06.2017\n", 1)
    text = text.replace("    led_by: ilyas-umakhanov", "    led_by: ilyas-umakhanv", 1)
    text = text.replace(
        "    country: KZ\n    kind: parliamentary-upper",
        "    country: XX\n    kind: parliamentary-upper",
    )
    text = text.replace("observer_body: ipa-cis", "observer_body: ipa-sic", 1)
    assert problems_of(text) == [
        "kz.yaml: mission.observer_body: no organization ipa-sic in organizations: or in the database",
        "kz.yaml: mission.starts: '27.06.2017' is not an ISO date (YYYY-MM-DD, e.g. 2017-06-27)",
        "kz.yaml: mission.election.country: XX is not a known ISO 3166-1 country code",
        "kz.yaml: meetings[0].led_by: no person ilyas-umakhanv in people: or in the database",
    ]


def test_a_reference_the_schema_refuses_is_reported_once():
    text = SEED.replace("  starts: 2017-06-27\n", "  starts: 27.06.2017\n", 1)
    text = text.replace("    led_by: ilyas-umakhanov", "    led_by: Ilyas_Umakhanov", 1)
    problems = problems_of(text)
    assert [p for p in problems if "meetings[0].led_by" in p] == [
        "kz.yaml: meetings[0].led_by: 'Ilyas_Umakhanov' is not a slug (lowercase letters, digits and single hyphens, e.g. kz-cec)"
    ]
    assert len(problems) == 2


def test_no_reference_problems_where_the_definitions_cannot_be_read():
    # people: holds an entry without a slug, so which people the document defines is unknown
    text = SEED.replace("  - slug: berik-imashev\n", "  - slgu: berik-imashev\n", 1)
    text = text.replace("    led_by: ilyas-umakhanov", "    led_by: ilyas-umakhanv", 1)
    problems = problems_of(text)
    assert not any("no person" in p for p in problems)
    assert "kz.yaml: people[2].slug: is required" in problems


def test_did_you_mean_only_for_a_near_spelling():
    (far,) = problems_of(SEED.replace("  figures:\n", "  observers_count:\n", 1))
    assert "did you mean" not in far and "observer_body" in far  # listed, not suggested
    (near,) = problems_of(SEED.replace("  figures:\n", "  figurse:\n", 1))
    assert "did you mean figures?" in near


# --- bad mission/2 documents -----------------------------------------------------------------


def example_text():
    return (EXAMPLE / "mission-2-example.yaml").read_text(encoding="utf-8")


def edit(old, new):
    def apply(text):
        assert old in text, old
        return text.replace(old, new, 1)

    return apply


BAD = [
    (
        "partner-unknown",
        edit("- organization: example-institute", "- organization: nobody-here"),
        "mission.partners[0].organization: no organization nobody-here in organizations: or in the database",
    ),
    (
        "partner-head-not-member",
        edit("head: boris-example", "head: anna-exampl"),
        "mission.partners[0].head: no person anna-exampl in people: or in the database",
    ),
    (
        "partner-is-observer-body",
        edit(
            "- organization: example-institute\n      head",
            "- organization: example-assembly\n      head",
        ),
        "mission.partners[0].organization: the observer body itself is not a partner",
    ),
    (
        "phase-kind",
        edit("{kind: long-term, starts", "{kind: medium-term, starts"),
        "mission.phases[0].kind: 'medium-term' is not one of: long-term, short-term",
    ),
    (
        "phase-outside",
        edit("{kind: short-term, starts: 2031-04-02", "{kind: short-term, starts: 2031-02-02"),
        "mission.phases[1].starts: the phase lies outside the mission (2031-03-01 to 2031-04-20)",
    ),
    (
        "phase-ends-before",
        edit("starts: 2031-04-02, ends: 2031-04-18", "starts: 2031-04-02, ends: 2031-04-01"),
        "mission.phases[1].ends: 2031-04-01 is before the start (2031-04-02)",
    ),
    (
        "figure-negative",
        edit("observers: 120", "observers: -1"),
        "mission.figures.observers: must be 0 or more, not -1",
    ),
    (
        "figure-text",
        edit("countries: 9", "countries: nine"),
        "mission.figures.countries: must be a whole number, not 'nine'",
    ),
    (
        "figure-unknown",
        edit("    regions: 7\n", "    provinces: 7\n"),
        "mission.figures.provinces: unknown key; allowed here: ",
    ),
    (
        "source-url",
        edit("- url: https://example.org/news/2031/observers-arrive", "- url: ftp://example.org/x"),
        "mission.sources[0].url: 'ftp://example.org/x' is not a web address",
    ),
    (
        "source-no-title",
        edit("      title: Observers arrive for the presidential election\n", ""),
        "mission.sources[0].title: is required",
    ),
    (
        "round-gap",
        edit("{number: 2, voting_day: 2031-04-19", "{number: 3, voting_day: 2031-04-19"),
        "mission.election.rounds[1].number: rounds are numbered from 1 without gaps: expected 2",
    ),
    (
        "round-1-day",
        edit("{number: 1, voting_day: 2031-04-05}", "{number: 1, voting_day: 2031-04-06}"),
        "mission.election.rounds[0].voting_day: round 1 is held on the election's voting_day (2031-04-05)",
    ),
    (
        "round-kind",
        edit("kind: run-off}", "kind: second}"),
        "mission.election.rounds[1].kind: 'second' is not one of: first, run-off, repeat",
    ),
    (
        "turnout-over-100",
        edit("turnout: 48.25", "turnout: 148.25"),
        "mission.election.results[0].turnout: must be at most 100",
    ),
    (
        "result-round-unknown",
        edit("      - round: 2\n        turnout", "      - round: 4\n        turnout"),
        "mission.election.results[1].round: the election has no round 4",
    ),
    (
        "outcome-no-option",
        edit("{option: Candidate Two, percent: 45.4}", "{percent: 45.4}"),
        "mission.election.results[1].outcomes[1].option: is required",
    ),
    (
        "preliminary-text",
        edit("preliminary: true", "preliminary: maybe"),
        "mission.election.results[1].preliminary: must be true or false, not 'maybe'",
    ),
    (
        "also-observed-other-day",
        edit(
            "      kind: referendum\n      voting_day: 2031-04-05",
            "      kind: referendum\n      voting_day: 2031-04-06",
        ),
        "mission.also_observed: Referendum on amendments to the Constitution of the Republic of Armenia is held on 2031-04-06, not on the voting day 2031-04-05.",
    ),
    (
        "also-observed-no-name",
        edit(
            "      name: Referendum on amendments to the Constitution of the Republic of Armenia\n      name_ru: Референдум о поправках к Конституции Республики Армения\n",
            "",
        ),
        "mission.also_observed[0].name: give name or name_ru (at least one of the two)",
    ),
    (
        "question-empty",
        edit(
            "        - text: Do you approve the amendments to the Constitution?\n          text_ru: Одобряете ли вы поправки к Конституции?\n",
            "        - {}\n",
        ),
        "mission.also_observed[0].questions[0].text: give text or text_ru (at least one of the two)",
    ),
    (
        "org-kind",
        edit("kind: campaign", "kind: headquarters"),
        "organizations[3].kind: 'headquarters' is not one of:",
    ),
    (
        "member-country",
        edit("{country: BY}", "{country: Belarus}"),
        "organizations[0].members[1].country: 'Belarus' is not an ISO 3166-1 alpha-2 country code",
    ),
    (
        "member-round-zero",
        edit("        round: 2\n", "        round: 0\n"),
        "delegations[2].members[0].round: must be 1 or more, not 0",
    ),
    (
        "delegation-partner-not-partner",
        edit("    partner: example-institute\n", "    partner: am-cec-example\n"),
        "delegations[1].partner: am-cec-example is not one of mission.partners",
    ),
    (
        "milestone-two-years-early",
        edit(
            "  - date: 2031-01-20\n    kind: milestone", "  - date: 2029-01-20\n    kind: milestone"
        ),
        "meetings[0].date: 2029-01-20: a milestone lies up to a year either side of the mission",
    ),
    (
        "milestone-without-summary",
        edit("    summary: The assembly's council decided to send the mission.\n", ""),
        "meetings[0].summary: give summary or summary_ru (at least one of the two)",
    ),
    (
        "meeting-outside",
        edit("  - date: 2031-04-03\n    kind: meeting", "  - date: 2031-05-03\n    kind: meeting"),
        "meetings[2].date: 2031-05-03 is outside the mission (2031-03-01 to 2031-04-20)",
    ),
    (
        "visit-country",
        edit("    country: RU\n", "    country: XX\n"),
        "visits[1].country: XX is not a known ISO 3166-1 country code",
    ),
    (
        "visit-round-unknown",
        edit(
            "    round: 2\n    stages: [voting, counting]",
            "    round: 5\n    stages: [voting, counting]",
        ),
        "visits[2].round: the election has no round 5",
    ),
    (
        "document-round-list",
        edit("round: [1, 2]", "round: [1, 1]"),
        "documents[1].round: must be a round number or a list of round numbers",
    ),
    (
        "document-issuer-unknown",
        edit(
            "    issuer: example-institute\n    recommendations",
            "    issuer: nobody\n    recommendations",
        ),
        "documents[1].issuer: no organization nobody in organizations: or in the database",
    ),
    (
        "document-url",
        edit(
            "url: https://example.org/assembly/statements", "url: example.org/assembly/statements"
        ),
        "documents[0].url: 'example.org/assembly/statements/2031-am-preliminary' is not a web address",
    ),
    (
        "file-missing",
        edit("preliminary-en.pdf, language", "missing.pdf, language"),
        "documents[0].files[0].path: no file example-presidential-2031-assembly/missing.pdf beside the document",
    ),
    (
        "file-outside",
        edit(
            "path: example-presidential-2031-assembly/preliminary-en.pdf", "path: ../../conftest.py"
        ),
        "documents[0].files[0].path: ../../conftest.py is outside the document's folder",
    ),
    (
        "file-absolute",
        edit("path: example-presidential-2031-assembly/preliminary-en.pdf", "path: /etc/passwd"),
        "documents[0].files[0].path: '/etc/passwd' is not a path relative to the document",
    ),
    (
        "recommendation-topic",
        edit("topic: campaign-finance", "topic: money"),
        "documents[1].recommendations[0].topic: 'money' is not one of:",
    ),
    (
        "recommendation-twice",
        edit("      - number: 2\n", "      - number: 1\n"),
        "documents[1].recommendations[1].number: recommendation 1 is numbered twice in this mission",
    ),
    (
        "recommendation-no-text",
        edit(
            "        text: The parliament should review the rules on campaign finance disclosure.\n",
            "",
        ),
        "documents[1].recommendations[0].text: give text or text_ru (at least one of the two)",
    ),
    (
        "assessment-status",
        edit("status: partially", "status: somewhat"),
        "documents[1].assessments[0].status: 'somewhat' is not one of:",
    ),
    (
        "assessment-unknown-recommendation",
        edit("        number: 3\n        status", "        number: 9\n        status"),
        "documents[1].assessments: no recommendation 9 of the mission example-parliamentary-2028-assembly",
    ),
    (
        "document-no-title",
        edit("    title: Final report\n", ""),
        "documents[1].title: give title or title_ru (at least one of the two)",
    ),
]


@pytest.mark.parametrize(
    ("bad", "expected"), [(edit_, msg) for _n, edit_, msg in BAD], ids=[n for n, _e, _m in BAD]
)
def test_bad_mission_2_document_is_refused_with_its_place_and_nothing_written(
    tmp_path, bad, expected
):
    import_paths(EXAMPLE / "example-parliamentary-2028.yaml")
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / "example-presidential-2031-assembly").mkdir()
    (folder / "example-presidential-2031-assembly" / "preliminary-en.pdf").write_bytes(
        PDF.read_bytes()
    )
    path = folder / "example.yaml"
    path.write_text(bad(example_text()), encoding="utf-8")
    before = row_counts()
    with pytest.raises(DocumentError) as error:
        import_sources(sources_from_paths([path]))
    problems = [str(p) for p in error.value.problems]
    assert any(p.startswith(f"{path}: {expected}") for p in problems), problems
    assert row_counts() == before


def test_there_are_25_or_more_kinds_of_bad_mission_2_document():
    assert len(BAD) >= 25


def test_a_file_that_is_not_a_pdf_inside_is_refused(tmp_path):
    import_paths(EXAMPLE / "example-parliamentary-2028.yaml")
    (tmp_path / "example-presidential-2031-assembly").mkdir()
    (tmp_path / "example-presidential-2031-assembly" / "preliminary-en.pdf").write_bytes(
        b"MZ not a pdf at all"
    )
    path = tmp_path / "example.yaml"
    path.write_text(example_text(), encoding="utf-8")
    before = row_counts()
    with pytest.raises(DocumentError) as error:
        import_sources(sources_from_paths([path]))
    assert any(
        "documents[0].files[0].file: preliminary-en.pdf is not a PDF file inside" in str(p)
        for p in error.value.problems
    ), error.value.problems
    assert row_counts() == before


def test_an_uploaded_document_cannot_name_files():
    import_paths(EXAMPLE / "example-parliamentary-2028.yaml")
    with pytest.raises(DocumentError) as error:
        import_text(example_text(), name="example.yaml")
    assert (
        "example.yaml: documents[0].files[0].path: example-presidential-2031-assembly/"
        "preliminary-en.pdf: files can only be read beside a document file"
    ) in [str(p) for p in error.value.problems]


# --- the admin upload's preview shows the same ------------------------------------------------


def test_admin_preview_refuses_a_shared_change_then_applies_it_with_the_checkbox(
    client, publisher, seeded
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("admin:missions_mission_import_document")
    client.force_login(publisher)
    file = SimpleUploadedFile("md.yaml", renamed_assembly().encode(), "application/yaml")
    refused = client.post(url, {"document": file})
    assert "used by 1 other mission: kz-senate-2017-ipa-cis" in refused.text
    assert 'id="update-shared-form"' in refused.text
    carried = refused.context["confirm_form"].initial
    again = client.post(url, {**carried, "update_shared": "on", "recheck": "1"})
    assert "Dry run: nothing was written." in again.text
    assert "organization ipa-cis: name: &quot;Interparliamentary Assembly" in again.text
    assert Organization.objects.get(slug="ipa-cis").name_en.startswith("Interparliamentary")
    confirm = again.context["confirm_form"].initial
    done = client.post(url, {**confirm, "update_shared": "on", "confirm": "1"}, follow=True)
    assert done.status_code == 200
    assert Organization.objects.get(slug="ipa-cis").name_en == (
        "Inter-Parliamentary Assembly of the CIS"
    )


# --- the synthetic archive round-trips ---------------------------------------------------------


def test_a_synthetic_archive_round_trips_byte_for_byte_with_its_files(tmp_path):
    from missions import synthetic

    synthetic.seed_archive(missions=12, seed=3)
    first, second = round_trip(tmp_path)
    assert first == second
    assert any(name.endswith(".pdf") for name in first)
    texts = "".join(v.decode() for k, v in first.items() if k.endswith(".yaml"))
    for key in ("partners:", "figures:", "also_observed:", "recommendations:", "assessments:"):
        assert key in texts, key
    assert "  title_ru: Наблюдение за выборами" in texts  # a Russian-only mission
