"""Bad mission documents: each is refused with the exact place of the problem, and nothing
at all is written. The cases are what a hurried staff member produces."""

import datetime
import json

import pytest
from django.core.management import ManagementUtility
from django.db import connections

from missions.interchange import DocumentError, Source, import_sources
from missions.models import Country, Election
from tests.documents_helpers import SEED, import_text, row_counts


def edit(old, new, count=1):
    """A change to the seed document; `old` must occur in it."""

    def apply(text):
        assert old in text, old
        return text.replace(old, new, count)

    return apply


def line_of(needle):
    return SEED[: SEED.index(needle)].count("\n") + 1


FIRST_VISIT = "    region: Astana\n    region_ru: Астана\n    region_kind: city\n"

CASES = [
    # (id, change to the seed text, expected text of one problem)
    (
        "typo-in-top-level-key",
        edit("visits:", "visit:"),
        "kz.yaml: visit: unknown key (did you mean visits?)",
    ),
    (
        "date-in-local-format",
        edit("starts: 2017-06-27", "starts: 27.06.2017"),
        "kz.yaml: mission.starts: '27.06.2017' is not an ISO date (YYYY-MM-DD",
    ),
    (
        "date-that-does-not-exist",
        edit("voting_day: 2017-06-28", "voting_day: 2017-02-30"),
        "kz.yaml: mission.election.voting_day: '2017-02-30' is not a real date",
    ),
    (
        "ends-before-starts",
        edit("ends: 2017-06-29", "ends: 2017-06-26"),
        "kz.yaml: mission.ends: 2017-06-26 is before the start (2017-06-27)",
    ),
    (
        "unknown-country",
        edit(
            "    country: KZ\n    kind: parliamentary-upper",
            "    country: XX\n    kind: parliamentary-upper",
        ),
        "kz.yaml: mission.election.country: XX is not a known ISO 3166-1 country code",
    ),
    (
        "lowercase-country",
        edit("  - country: AM", "  - country: am"),
        "kz.yaml: delegations[0].country: 'am' is not an ISO 3166-1 alpha-2 country code",
    ),
    (
        "unknown-person",
        edit("    led_by: ilyas-umakhanov", "    led_by: ilyas-umakhanv"),
        "kz.yaml: meetings[0].led_by: no person ilyas-umakhanv in people: or in the database",
    ),
    (
        "unknown-organization",
        edit("observer_body: ipa-cis", "observer_body: ipa-sic"),
        "kz.yaml: mission.observer_body: no organization ipa-sic in organizations:",
    ),
    (
        "coordinator-not-a-member",
        edit("coordinator: ilyas-umakhanov", "coordinator: berik-imashev"),
        "kz.yaml: mission.coordinator: berik-imashev must be a member of one of the delegations",
    ),
    (
        "delegation-with-country-and-organization",
        edit("  - country: TJ\n", "  - country: TJ\n    organization: kz-cec\n"),
        "kz.yaml: delegations[5]: give exactly one of: country, organization",
    ),
    (
        "delegation-with-neither",
        edit("  - country: TJ\n", "  - members: []\n"),
        "kz.yaml: delegations[5]: give exactly one of: country, organization",
    ),
    (
        "same-country-twice",
        edit("  - country: TJ\n", "  - country: AM\n"),
        "kz.yaml: delegations[5].country: AM already sent a delegation above",
    ),
    (
        "person-twice-in-a-delegation",
        edit(
            "        position: Deputy Speaker",
            "        position: Deputy Speaker of the Council\n"
            "      - person: ilyas-umakhanov\n        position: Deputy Speaker",
        ),
        "kz.yaml: delegations[4].members[1].person: ilyas-umakhanov is listed twice in this "
        "delegation",
    ),
    (
        "unknown-role",
        edit("role: coordinator", "role: chief"),
        "kz.yaml: delegations[4].members[0].role: 'chief' is not one of: coordinator, head,",
    ),
    (
        "typo-in-member-key",
        edit("role: coordinator", "rol: coordinator"),
        "kz.yaml: delegations[4].members[0].rol: unknown key (did you mean role?)",
    ),
    (
        "stage-count",
        edit("stages: [opening, voting, counting, tabulation]", "stages: [opening, voting, count]"),
        "kz.yaml: visits[0].stages[2]: 'count' is not one of: opening, voting, counting, "
        "tabulation",
    ),
    (
        "stage-twice",
        edit("stages: [opening, voting, counting, tabulation]", "stages: [voting, voting]"),
        "kz.yaml: visits[0].stages: lists the same value twice",
    ),
    (
        "stations-visited-negative",
        edit(FIRST_VISIT, FIRST_VISIT + "    stations_visited: -3\n"),
        "kz.yaml: visits[0].stations_visited: must be 0 or more, not -3",
    ),
    (
        "stations-visited-in-words",
        edit(FIRST_VISIT, FIRST_VISIT + "    stations_visited: many\n"),
        "kz.yaml: visits[0].stations_visited: must be a whole number, not 'many'",
    ),
    (
        "visit-date-outside-the-mission",
        edit(
            "  - date: 2017-06-28\n    region: Karaganda",
            "  - date: 2017-07-30\n    region: Karaganda",
        ),
        "kz.yaml: visits[2].date: 2017-07-30 is outside the mission (2017-06-27 to 2017-06-29)",
    ),
    (
        "meeting-date-outside-the-mission",
        edit(
            "  - date: 2017-06-29\n    kind: press-conference",
            "  - date: 2017-06-30\n    kind: press-conference",
        ),
        "kz.yaml: meetings[3].date: 2017-06-30 is outside the mission (2017-06-27 to 2017-06-29)",
    ),
    (
        "visit-observer-not-a-member",
        edit(FIRST_VISIT, FIRST_VISIT + "    observers: [berik-imashev]\n"),
        "kz.yaml: visits[0].observers[0]: berik-imashev must be a member of one of the delegations",
    ),
    (
        "unknown-region-kind",
        edit("region_kind: city", "region_kind: town"),
        "kz.yaml: visits[0].region_kind: 'town' is not one of: region, city, district",
    ),
    (
        "status-publish",
        edit("status: published", "status: publish"),
        "kz.yaml: mission.status: 'publish' is not one of: draft, review, published",
    ),
    (
        "monitoring-with-a-space",
        edit("monitoring: short-term", "monitoring: short term"),
        "kz.yaml: mission.monitoring: 'short term' is not one of: short-term, long-term",
    ),
    (
        "meeting-kind-with-a-space",
        edit("kind: press-conference", "kind: press conference"),
        "kz.yaml: meetings[3].kind: 'press conference' is not one of: meeting, briefing, "
        "press-conference",
    ),
    (
        "wrong-format",
        edit("format: mission/2", "format: mission/3"),
        "kz.yaml: format: 'mission/3' is not one of: mission/1, mission/2",
    ),
    (
        "missing-title",
        lambda text: edit(
            "  title: IPA CIS observation of the elections to the Senate of Kazakhstan, 2017\n", ""
        )(edit("  title_ru: Наблюдение МПА СНГ за выборами в Сенат Казахстана, 2017\n", "")(text)),
        "kz.yaml: mission.title: give title or title_ru (at least one of the two)",
    ),
    (
        "blank-title",
        edit("  title: IPA CIS observation", "  title: '   '\n  x_title: IPA CIS observation"),
        "kz.yaml: mission.title: must not be blank",
    ),
    (
        "slug-with-capitals-and-spaces",
        edit("slug: kz-senate-2017-ipa-cis", "slug: KZ Senate 2017"),
        "kz.yaml: mission.slug: 'KZ Senate 2017' is not a slug",
    ),
    (
        "place-as-a-list",
        edit("    place: Astana", "    place: [Astana, Almaty]"),
        "kz.yaml: meetings[3].place: must be text, not a list",
    ),
    (
        "visits-left-empty",
        edit("visits:\n", "visits:\nvisits_old:\n"),
        "kz.yaml: visits: must be a list, not an empty value",
    ),
    (
        "same-person-defined-twice",
        edit("  - slug: berik-imashev", "  - slug: kasym-jomart-tokaev"),
        "kz.yaml: people[2].slug: kasym-jomart-tokaev is defined twice",
    ),
    (
        "organization-parent-loop",
        edit(
            "    kind: legislature\n  - slug: kz-senate",
            "    parent: kz-senate\n  - slug: kz-senate",
        ),
        "kz.yaml: organizations[3].parent: makes a loop: kz-parliament → kz-senate → kz-parliament",
    ),
    (
        "counterpart-twice",
        edit(
            "      - person: berik-imashev\n",
            "      - person: berik-imashev\n      - person: berik-imashev\n",
        ),
        "kz.yaml: meetings[1].counterparts[1].person: berik-imashev is listed twice in this "
        "meeting",
    ),
    (
        "language-in-capitals",
        edit("language: en", "language: EN"),
        "kz.yaml: documents[0].language: 'EN' is not an ISO 639-1 language code",
    ),
    (
        "empty-finding",
        edit("    findings:\n", "    findings:\n      - ''\n"),
        "kz.yaml: documents[0].findings[0]: must not be empty",
    ),
    (
        "tab-indentation",
        edit("    name: Ilyas Umakhanov", "\tname: Ilyas Umakhanov"),
        f"kz.yaml: line {line_of('    name: Ilyas Umakhanov')}: not valid YAML:",
    ),
    (
        "duplicate-key",
        edit("  title: IPA CIS", "  title: Draft\n  title: IPA CIS"),
        "kz.yaml: line 5: not valid YAML: duplicate key 'title'",
    ),
    ("empty-file", lambda text: "", "kz.yaml: the document is empty"),
    (
        "list-at-top-level",
        lambda text: "- format: mission/1\n",
        "kz.yaml: the top level must be a mapping with format: and mission:, not a list",
    ),
    (
        "not-utf8",
        lambda text: text.encode("cp1251"),
        f"kz.yaml: line {line_of('title_ru')}: not UTF-8 text",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_bad_document_is_refused_with_its_place_and_nothing_written(change, expected):
    before = row_counts()
    with pytest.raises(DocumentError) as caught:
        import_text(change(SEED))
    problems = [str(problem) for problem in caught.value.problems]
    assert any(problem.startswith(expected) for problem in problems), problems
    assert row_counts() == before


@pytest.mark.django_db
def test_tab_problem_says_tabs_are_the_cause():
    with pytest.raises(DocumentError) as caught:
        import_text(SEED.replace("    name: Ilyas Umakhanov", "\tname: Ilyas Umakhanov"))
    assert "tabs cannot indent YAML" in str(caught.value)


@pytest.mark.django_db
def test_every_problem_is_reported_not_just_the_first():
    text = SEED.replace("status: published", "status: publish").replace("visits:", "visit:")
    with pytest.raises(DocumentError) as caught:
        import_text(text)
    assert [str(p) for p in caught.value.problems] == [
        "kz.yaml: mission.status: 'publish' is not one of: draft, review, published",
        "kz.yaml: visit: unknown key (did you mean visits?)",
    ]


@pytest.mark.django_db
def test_election_cannot_move_to_another_country():
    Election.objects.create(
        slug="kz-senate-2017",
        name="Elections to the Senate",
        country=Country.objects.get(code="RU"),
        kind=Election.Kind.PARLIAMENTARY_UPPER,
        voting_day=datetime.date(2017, 6, 28),
    )
    before = row_counts()
    with pytest.raises(DocumentError) as caught:
        import_text(SEED)
    assert str(caught.value).startswith(
        "kz.yaml: mission.election.country: the election kz-senate-2017 is already recorded in RU"
    )
    assert row_counts() == before


@pytest.mark.django_db
def test_second_document_bad_means_nothing_from_the_first_is_written():
    second = SEED.replace("kz-senate-2017-ipa-cis", "kz-senate-2017-second").replace(
        "ends: 2017-06-29", "ends: 2017-06-20"
    )
    before = row_counts()
    with pytest.raises(DocumentError) as caught:
        import_sources([Source("first.yaml", SEED), Source("second.yaml", second)])
    assert [str(p) for p in caught.value.problems] == [
        "second.yaml: mission.ends: 2017-06-20 is before the start (2017-06-27)"
    ]
    assert row_counts() == before


@pytest.mark.django_db
def test_same_mission_twice_in_one_run_is_refused():
    with pytest.raises(DocumentError) as caught:
        import_sources([Source("a.yaml", SEED), Source("b.yaml", SEED)])
    assert str(caught.value) == (
        "b.yaml: mission.slug: the mission kz-senate-2017-ipa-cis is also in a.yaml"
    )


@pytest.mark.django_db
def test_bad_json_names_the_line():
    before = row_counts()
    with pytest.raises(DocumentError) as caught:
        import_sources([Source("kz.json", '{\n  "format": "mission/1",\n  "mission": \n}')])
    assert str(caught.value).startswith("kz.json: line 4: not valid JSON:")
    assert row_counts() == before


@pytest.mark.django_db
def test_duplicate_key_in_json_is_refused():
    text = json.dumps({"format": "mission/1"})[:-1] + ', "format": "mission/1"}'
    with pytest.raises(DocumentError) as caught:
        import_sources([Source("kz.json", text)])
    assert str(caught.value) == "kz.json: not valid JSON: duplicate key 'format'"


@pytest.mark.django_db
def test_unknown_file_type_is_refused():
    with pytest.raises(DocumentError) as caught:
        import_sources([Source("kz.txt", SEED)])
    assert str(caught.value) == (
        "kz.txt: unknown file type; mission documents end in .yaml, .yml or .json"
    )


# --- the command ---------------------------------------------------------------------------


def run_command(argv, monkeypatch):
    """Run manage.py in process as a shell would; return the exit status."""
    monkeypatch.setattr(connections, "close_all", lambda: None)  # keep the test transaction
    try:
        ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as exit_:
        return exit_.code
    return 0


@pytest.mark.django_db
def test_command_with_bad_document_exits_non_zero_with_every_problem_on_stderr(
    tmp_path, monkeypatch, capsys
):
    path = tmp_path / "kz.yaml"
    path.write_text(
        SEED.replace("status: published", "status: publish").replace("visits:", "visit:"),
        encoding="utf-8",
    )
    before = row_counts()
    status = run_command(["import_missions", str(path)], monkeypatch)
    captured = capsys.readouterr()
    assert status == 1
    assert f"{path}: mission.status: 'publish' is not one of" in captured.err
    assert f"{path}: visit: unknown key (did you mean visits?)" in captured.err
    assert "Nothing was imported" in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert row_counts() == before


@pytest.mark.django_db
def test_command_with_missing_path_exits_non_zero(tmp_path, monkeypatch, capsys):
    status = run_command(["import_missions", str(tmp_path / "nope.yaml")], monkeypatch)
    captured = capsys.readouterr()
    assert status == 1
    assert f"{tmp_path / 'nope.yaml'}: no such file or folder" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.django_db
def test_command_with_empty_folder_exits_non_zero(tmp_path, monkeypatch, capsys):
    status = run_command(["import_missions", str(tmp_path)], monkeypatch)
    assert status == 1
    assert "No mission documents (.yaml, .yml, .json) found." in capsys.readouterr().err


@pytest.mark.django_db
def test_export_command_with_unknown_slug_exits_non_zero(tmp_path, monkeypatch, capsys):
    status = run_command(
        ["export_missions", "--out", str(tmp_path), "no-such-mission"], monkeypatch
    )
    captured = capsys.readouterr()
    assert status == 1
    assert "No mission with the slug: no-such-mission" in captured.err
    assert "Traceback" not in captured.err
    assert list(tmp_path.iterdir()) == []
