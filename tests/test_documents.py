"""Importing and exporting mission documents: the seed mission, idempotence, edits,
the round trip, dry runs, JSON, and the two commands."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missions.interchange import Source, dump_yaml, import_sources, mission_to_document
from missions.interchange.loading import parse_yaml
from missions.models import (
    Country,
    Delegation,
    DelegationMember,
    Document,
    Meeting,
    MeetingCounterpart,
    Mission,
    Organization,
    OrganizationMembership,
    Person,
    Region,
    Visit,
)
from tests.documents_helpers import SEED, SEED_PATH, empty_database, import_text, row_counts

pytestmark = pytest.mark.django_db

SLUG = "kz-senate-2017-ipa-cis"
MEMBER_NATIONS = ["AM", "BY", "KG", "MD", "RU", "TJ"]
ALL_STAGES = ["opening", "voting", "counting", "tabulation"]


@pytest.fixture
def seeded():
    import_text(SEED)
    return Mission.objects.get(slug=SLUG)


def export(slug=SLUG):
    return dump_yaml(mission_to_document(Mission.objects.get(slug=slug)))


# --- the seed: every fact of the report is in the database ---------------------------------


def test_seed_mission_and_election(seeded):
    assert seeded.title == "IPA CIS observation of the elections to the Senate of Kazakhstan, 2017"
    assert seeded.observer_body.short_name == "IPA CIS"
    assert (seeded.starts, seeded.ends) == (datetime.date(2017, 6, 27), datetime.date(2017, 6, 29))
    assert seeded.monitoring == Mission.Monitoring.SHORT_TERM
    assert seeded.is_published and seeded.published_at is not None
    assert seeded.summary_paragraphs()[1].startswith("The Team included international observers")
    election = seeded.election
    assert election.country.code == "KZ"
    assert election.kind == "parliamentary-upper"
    assert election.voting_day == datetime.date(2017, 6, 28)
    assert election.body.slug == "kz-senate"
    assert election.body.parent.slug == "kz-parliament"


def test_seed_coordinator_and_his_office(seeded):
    assert seeded.coordinator.name == "Ilyas Umakhanov"
    assert seeded.coordinator.name_original == "Ильяс Умаханов"
    assert seeded.coordinator.country.code == "RU"
    member = DelegationMember.objects.get(delegation__mission=seeded, person=seeded.coordinator)
    assert member.delegation.country.code == "RU"
    assert member.role == DelegationMember.Role.COORDINATOR
    assert member.position == (
        "Deputy Speaker of the Federation Council of the Federal Assembly of the Russian Federation"
    )


def test_seed_six_member_nations_and_the_council_secretariat(seeded):
    senders = [
        d.country.code if d.country else d.organization.slug for d in seeded.delegations.all()
    ]
    assert senders == [*MEMBER_NATIONS, "ipa-cis-council-secretariat"]
    # Contract rule 2 (mission/2): a delegation marks its country as nothing; memberships come
    # from `organizations[].members` only: the seed lists the six as the assembly's members.
    members = OrganizationMembership.objects.values_list("organization__slug", "country__code")
    assert sorted(members) == [("ipa-cis", code) for code in sorted(MEMBER_NATIONS)]


def test_seed_three_meetings_with_counterparts_and_their_offices(seeded):
    meetings = seeded.meetings.filter(kind=Meeting.Kind.MEETING)
    found = [
        (m.date.isoformat(), m.host.slug, c.person.name, c.position)
        for m in meetings
        for c in m.counterparts.all()
    ]
    assert found == [
        (
            "2017-06-27",
            "kz-senate",
            "Kasym-Jomart Tokaev",
            "Speaker of the Senate of the Parliament of the Republic of Kazakhstan",
        ),
        (
            "2017-06-27",
            "kz-cec",
            "Berik Imashev",
            "Chairman of the Central Election Commission of the Republic of Kazakhstan",
        ),
        (
            "2017-06-28",
            "kz-majilis",
            "Nurlan Nigmatulin",
            "Speaker of the Majilis of the Parliament of the Republic of Kazakhstan",
        ),
    ]
    assert meetings[0].led_by.slug == "ilyas-umakhanov"


def test_seed_press_conference_in_astana(seeded):
    press = seeded.meetings.get(kind=Meeting.Kind.PRESS_CONFERENCE)
    assert (press.date, press.place) == (datetime.date(2017, 6, 29), "Astana")
    assert press.led_by.name == "Ilyas Umakhanov"
    assert "outcome press-conference" in press.summary


def test_seed_three_regions_with_four_stages(seeded):
    visits = list(seeded.visits.select_related("region__country"))
    assert [(v.region.name, v.region.kind) for v in visits] == [
        ("Astana", "city"),
        ("Akmola Region", "region"),
        ("Karaganda Region", "region"),
    ]
    assert {v.region.country.code for v in visits} == {"KZ"}
    assert all(v.date == datetime.date(2017, 6, 28) for v in visits)
    assert all(v.stages == ALL_STAGES for v in visits)


def test_seed_findings(seeded):
    statement = seeded.documents.get()
    assert statement.kind == Document.Kind.STATEMENT
    assert statement.title == "Findings by the IPA CIS International Observers Team"
    assert statement.findings_list() == [
        "According to the results of the long-term monitoring conducted by the IPA CIS IIMDD, "
        "the legislation of the Republic of Kazakhstan regulating the elections to the Senate of "
        "the Parliament was in line with international standards for democratic elections.",
        "The Central Election Commission of the Republic of Kazakhstan and territorial election "
        "commissions showed a high level of organization of the elections.",
    ]


def test_report_counts_what_the_first_import_created():
    report = import_text(SEED)
    assert report.count(Mission, "created") == 1
    assert report.count(Delegation, "created") == 7
    assert report.count(Meeting, "created") == 4
    assert report.count(MeetingCounterpart, "created") == 3
    assert report.count(Visit, "created") == 3
    assert report.count(Region, "created") == 3
    assert report.count(Country, "updated") == 0  # a delegation marks no member nation
    assert "created: 1 mission, 1 election" in report.as_text()


# --- idempotence -----------------------------------------------------------------------------


def test_importing_twice_changes_nothing_and_writes_nothing(seeded):
    before = row_counts()
    with CaptureQueriesContext(connection) as queries:
        report = import_text(SEED)
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []
    assert row_counts() == before
    total = report.total()
    assert not total.changed()
    assert total.get(Mission, "unchanged") == 1
    assert total.get(Meeting, "unchanged") == 4
    assert "unchanged: 1 mission" in report.as_text()
    assert "created:" not in report.as_text()


def test_norway_stays_a_country_code_not_a_yes_no_value():
    text = SEED.replace("  - country: TJ\n", "  - country: TJ\n  - country: NO\n")
    import_text(text)
    assert Delegation.objects.filter(country__code="NO").exists()


# --- edits -------------------------------------------------------------------------------------


def edited_seed():
    document = parse_yaml(SEED)
    document["mission"]["title"] = "IPA CIS at the Senate elections in Kazakhstan"
    document["delegations"] = [d for d in document["delegations"] if d.get("country") != "TJ"]
    document["meetings"] = [m for m in document["meetings"] if m.get("host") != "kz-cec"]
    document["meetings"][0]["counterparts"] = []
    document["visits"] = document["visits"][:2]
    document["visits"][1]["stations_visited"] = 12
    document["documents"][0]["findings"] = document["documents"][0]["findings"][:1]
    return dump_yaml(document)


def test_edited_document_updates_and_removes_children_no_longer_listed(seeded):
    report = import_text(edited_seed())
    seeded.refresh_from_db()
    assert seeded.title == "IPA CIS at the Senate elections in Kazakhstan"
    assert not seeded.delegations.filter(country__code="TJ").exists()
    assert [m.host.slug if m.host else m.place for m in seeded.meetings.all()] == [
        "kz-senate",
        "kz-majilis",
        "Astana",
    ]
    assert not MeetingCounterpart.objects.filter(person__slug="kasym-jomart-tokaev").exists()
    assert [v.region.name for v in seeded.visits.all()] == ["Astana", "Akmola Region"]
    assert seeded.visits.get(region__name="Akmola Region").stations_visited == 12
    assert len(seeded.documents.get().findings_list()) == 1
    total = report.total()
    assert total.get(Delegation, "deleted") == 1
    assert total.get(Meeting, "deleted") == 1
    assert total.get(Visit, "deleted") == 1
    # Meetings match by position: the CEC meeting's slot now holds the Majilis meeting, so
    # Tokaev, Imashev and Nigmatulin's old row go and Nigmatulin comes back in the new slot.
    assert total.get(MeetingCounterpart, "deleted") == 3
    assert total.get(MeetingCounterpart, "created") == 1
    assert total.get(Mission, "updated") == 1


def test_edited_document_keeps_people_and_regions_no_longer_used(seeded):
    import_text(edited_seed())
    assert Person.objects.filter(slug__in=["berik-imashev", "kasym-jomart-tokaev"]).count() == 2
    assert Region.objects.filter(name="Karaganda Region").exists()


def test_removing_the_coordinator_from_the_delegations_and_the_mission(seeded):
    document = parse_yaml(SEED)
    del document["mission"]["coordinator"]
    del document["delegations"][4]["members"]
    import_text(dump_yaml(document))
    seeded.refresh_from_db()
    assert seeded.coordinator is None
    assert not DelegationMember.objects.exists()
    assert Person.objects.filter(slug="ilyas-umakhanov").exists()


def test_import_stamps_the_user_on_the_mission(publisher):
    # The seed is published, so importing it on someone's behalf needs a publisher.
    user = publisher
    import_text(SEED, user=user)
    mission = Mission.objects.get(slug=SLUG)
    assert mission.created_by == user and mission.updated_by == user


def test_a_document_back_in_draft_unpublishes_as_the_workflow_does(seeded):
    document = parse_yaml(SEED)
    document["mission"]["status"] = "draft"
    import_text(dump_yaml(document))
    mission = Mission.objects.get(slug=SLUG)
    assert mission.status == Mission.Status.DRAFT
    assert (mission.published_at, mission.published_by) == (None, None)


# --- round trip --------------------------------------------------------------------------------


def test_round_trip_is_byte_for_byte(seeded):
    first = export()
    empty_database()
    import_text(first, name="exported.yaml")
    assert export() == first


def test_export_is_readable_yaml(seeded):
    text = export()
    assert text.startswith("format: mission/2\nmission:\n  slug: kz-senate-2017-ipa-cis\n")
    assert "name_original: Ильяс Умаханов\n" in text  # Cyrillic stays Cyrillic
    assert "  summary: |-\n    On 27-29 June 2017" in text
    assert "    stages: [opening, voting, counting, tabulation]\n" in text
    assert "  starts: 2017-06-27\n" in text
    assert "    language: en\n" in text


def test_export_lists_only_the_organizations_the_mission_uses(seeded):
    document = mission_to_document(seeded)
    slugs = [o["slug"] for o in document["organizations"]]
    assert "iimdd-ipa-cis" not in slugs  # defined in the seed, used by nothing
    assert {"ipa-cis", "kz-parliament", "kz-senate", "kz-cec"} <= set(slugs)
    assert "place" not in document["meetings"][0]  # empty optional fields are left out


def test_export_of_the_seed_matches_it_apart_from_unused_organizations(seeded):
    document = parse_yaml(SEED)
    used = {o["slug"] for o in mission_to_document(seeded)["organizations"]}
    document["organizations"] = [o for o in document["organizations"] if o["slug"] in used]
    exported = mission_to_document(seeded)
    assert sorted(exported["organizations"], key=lambda o: o["slug"]) == sorted(
        document["organizations"], key=lambda o: o["slug"]
    )
    del exported["organizations"], document["organizations"]
    assert exported == document


# --- dry run and JSON --------------------------------------------------------------------------


def test_dry_run_writes_nothing_but_reports_what_would_change():
    before = row_counts()
    report = import_text(SEED, dry_run=True)
    assert row_counts() == before
    assert report.count(Mission, "created") == 1
    assert report.as_text().endswith("Dry run: nothing was written.")


def test_json_imports_the_same_as_yaml(seeded):
    from_yaml = export()
    empty_database()
    import_sources([Source("kz.json", json.dumps(parse_yaml(SEED), ensure_ascii=False))])
    assert export() == from_yaml


def test_json_bytes_with_a_byte_order_mark_are_read():
    content = "\ufeff" + json.dumps(parse_yaml(SEED), ensure_ascii=False)
    import_sources([Source("kz.json", content.encode("utf-8"))])
    assert Mission.objects.filter(slug=SLUG).exists()


# --- the commands ----------------------------------------------------------------------------


def test_import_command_prints_the_report(capsys):
    call_command("import_missions", str(SEED_PATH))
    out = capsys.readouterr().out
    assert f"{SEED_PATH} ({SLUG})" in out
    assert "created: 1 mission" in out
    call_command("import_missions", str(SEED_PATH))
    assert "unchanged: 1 mission" in capsys.readouterr().out


def test_import_command_dry_run_writes_nothing(capsys):
    before = row_counts()
    call_command("import_missions", str(SEED_PATH), "--dry-run")
    assert row_counts() == before
    assert "Dry run: nothing was written." in capsys.readouterr().out


def test_import_command_reads_a_folder_with_progress_on_stderr(tmp_path, capsys):
    for n in range(5):
        text = SEED.replace(SLUG, f"mission-{n}")
        (tmp_path / f"mission-{n}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a mission", encoding="utf-8")
    call_command("import_missions", str(tmp_path))
    captured = capsys.readouterr()
    assert Mission.objects.count() == 5
    assert f"[1/5] {tmp_path / 'mission-0.yaml'}" in captured.err
    assert f"[5/5] {tmp_path / 'mission-4.yaml'}" in captured.err
    assert "Total for 5 documents:\n  created: 5 missions, 1 election," in captured.out


def test_export_command_writes_one_file_per_mission(seeded, tmp_path, capsys):
    Mission.objects.filter(pk=seeded.pk).update(status=Mission.Status.DRAFT)
    call_command("export_missions", "--out", str(tmp_path))
    written = tmp_path / f"{SLUG}.yaml"
    assert [p.name for p in tmp_path.iterdir()] == [written.name]
    assert "  status: draft\n" in written.read_text(encoding="utf-8")  # drafts are exported too
    assert "Wrote 1 mission document to" in capsys.readouterr().out


def test_export_command_json(seeded, tmp_path):
    call_command("export_missions", "--out", str(tmp_path), "--format", "json", SLUG)
    document = json.loads((tmp_path / f"{SLUG}.json").read_text(encoding="utf-8"))
    assert document == mission_to_document(seeded)
    assert "Ильяс Умаханов" in (tmp_path / f"{SLUG}.json").read_text(encoding="utf-8")


def test_visit_observers_import_round_trip_and_stay_unchanged(seeded):
    document = parse_yaml(SEED)
    document["visits"][0]["observers"] = ["ilyas-umakhanov"]
    document["visits"][0]["stations_visited"] = 0
    document["visits"][0]["stages"] = ["voting", "opening"]
    text = dump_yaml(document)
    import_text(text)
    visit = seeded.visits.get(region__name="Astana")
    assert [p.slug for p in visit.observers.all()] == ["ilyas-umakhanov"]
    assert visit.stations_visited == 0
    assert visit.stages == ["opening", "voting"]
    assert not import_text(text).total().changed()
    assert "    observers:\n      - ilyas-umakhanov\n    stations_visited: 0\n" in export()


def test_organization_hierarchy_can_be_turned_around(seeded):
    document = parse_yaml(SEED)
    for organization in document["organizations"]:
        if organization["slug"] == "kz-senate":
            organization["parent"] = ""  # mission/2: "" empties, omission keeps
        if organization["slug"] == "kz-parliament":
            organization["parent"] = "kz-senate"
    import_text(dump_yaml(document))
    assert Organization.objects.get(slug="kz-parliament").parent.slug == "kz-senate"
    assert Organization.objects.get(slug="kz-senate").parent is None
