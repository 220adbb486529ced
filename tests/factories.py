"""Test data built with the ORM: plain functions, each filling in what a test leaves out."""

import datetime
import itertools
from importlib import import_module
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

from missions.models import (
    Country,
    Delegation,
    DelegationMember,
    Document,
    Election,
    ElectionRound,
    Meeting,
    MeetingCounterpart,
    Mission,
    MissionPartner,
    Organization,
    Person,
    Recommendation,
    Region,
    Visit,
)

SEED = Path(__file__).resolve().parent.parent / "missions" / "fixtures" / "kz-senate-2017.yaml"
_numbers = itertools.count(1)


def ensure_countries():
    """Reload the ISO countries of migration 0002 after a transactional test flushed them.

    (serialized_rollback did not restore them once ordinary db tests had run before.)
    """
    if not Country.objects.exists():
        import_module("missions.migrations.0002_countries").load_countries(apps, None)


def ensure_staff_groups():
    """Recreate migration 0004's Editors and Publishers after a transactional test flushed
    them (the same failure of serialized_rollback as for the countries above)."""
    from django.contrib.auth.models import Group, Permission

    groups = import_module("missions.migrations.0004_staff_groups")
    mine = Permission.objects.filter(content_type__app_label="missions")
    for name, codenames in (
        ("Editors", groups.EDITING),
        ("Publishers", groups.EDITING + groups.PUBLISHING),
    ):
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.add(*mine.filter(codename__in=codenames))


def country(code):
    return Country.objects.get(code=code)


def organization(**fields):
    number = next(_numbers)
    fields.setdefault("slug", f"org-{number}")
    fields.setdefault("name", f"Organization {number}")
    return Organization.objects.create(**fields)


def person(**fields):
    number = next(_numbers)
    fields.setdefault("slug", f"person-{number}")
    fields.setdefault("name", f"Person {number}")
    return Person.objects.create(**fields)


def election(**fields):
    number = next(_numbers)
    fields.setdefault("slug", f"election-{number}")
    fields.setdefault("name", f"Election {number}")
    fields.setdefault("country", country("KZ"))
    fields.setdefault("kind", Election.Kind.PARLIAMENTARY)
    fields.setdefault("voting_day", datetime.date(2020, 3, 1))
    return Election.objects.create(**fields)


def mission(**fields):
    """A mission with its election and observing body; published unless told otherwise."""
    number = next(_numbers)
    if "election" not in fields:
        fields["election"] = election()
    voting_day = fields["election"].voting_day
    fields.setdefault("slug", f"mission-{number}")
    fields.setdefault("title", f"Observation mission {number}")
    fields.setdefault("observer_body", organization())
    fields.setdefault("monitoring", Mission.Monitoring.SHORT_TERM)
    fields.setdefault("starts", voting_day - datetime.timedelta(days=1))
    fields.setdefault("ends", voting_day + datetime.timedelta(days=1))
    fields.setdefault("status", Mission.Status.PUBLISHED)
    return Mission.objects.create(**fields)


def full_mission(**fields):
    """A mission with a bit of everything: two delegations, meetings, visits, a statement."""
    record = mission(**fields)
    day = record.election.voting_day
    host = record.election.country
    coordinator = person(country=country("RU"))
    observer = person(country=country("BY"))
    official = person(country=host)
    russia = Delegation.objects.create(mission=record, country=country("RU"), order=1)
    body = Delegation.objects.create(mission=record, organization=organization(), order=2)
    DelegationMember.objects.create(
        delegation=russia, person=coordinator, role="coordinator", position="Deputy Speaker"
    )
    DelegationMember.objects.create(delegation=body, person=observer, position="Adviser")
    record.coordinator = coordinator
    record.save()
    meeting = Meeting.objects.create(
        mission=record, date=day, host=organization(country=host), led_by=coordinator
    )
    MeetingCounterpart.objects.create(meeting=meeting, person=official, position="Chairman")
    Meeting.objects.create(mission=record, date=day, kind="press-conference", place="Capital")
    region, _ = Region.objects.get_or_create(country=host, name=f"Region of {record.slug}")
    visit = Visit.objects.create(
        mission=record, date=day, region=region, stages=["voting"], stations_visited=4
    )
    visit.observers.add(observer)
    Document.objects.create(
        mission=record,
        kind=Document.Kind.STATEMENT,
        date=day,
        title=f"Statement of {record.title}",
        findings="The vote was orderly.\nThe count was transparent.",
    )
    return record


def election_round(election, number, **fields):
    """Round `number` of the election: round 1 on its voting day, each later one 14 days on."""
    fields.setdefault(
        "voting_day", election.voting_day + datetime.timedelta(days=14 * (number - 1))
    )
    fields.setdefault(
        "kind", ElectionRound.Kind.FIRST if number == 1 else ElectionRound.Kind.RUN_OFF
    )
    return ElectionRound.objects.create(election=election, number=number, **fields)


def document(mission, **fields):
    fields.setdefault("kind", Document.Kind.FINAL_REPORT)
    fields.setdefault("date", mission.ends)
    fields.setdefault("title", f"Final report of {mission.slug}")
    return Document.objects.create(mission=mission, **fields)


def recommendation(document, number, **fields):
    fields.setdefault("text", f"Recommendation number {number}.")
    fields.setdefault("topic", Recommendation.Topic.LEGAL_FRAMEWORK)
    return Recommendation.objects.create(document=document, number=number, **fields)


def partner(mission, **fields):
    fields.setdefault("organization", organization())
    return MissionPartner.objects.create(mission=mission, **fields)


def load_seed():
    """The seed mission, imported from missions/fixtures/kz-senate-2017.yaml."""
    call_command("import_missions", str(SEED), stdout=StringIO())
    return Mission.objects.get(slug="kz-senate-2017-ipa-cis")
