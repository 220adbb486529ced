"""Test data built with the ORM: plain functions, each filling in what a test leaves out."""

import datetime
import itertools
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.core.management import call_command, get_commands

from missions.models import (
    Country,
    Delegation,
    DelegationMember,
    Document,
    Election,
    Meeting,
    MeetingCounterpart,
    Mission,
    Organization,
    Person,
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


def load_seed():
    """The seed mission: through the importer once it exists, else built here with the ORM."""
    if "import_missions" in get_commands():
        call_command("import_missions", str(SEED))
        return Mission.objects.get(slug="kz-senate-2017-ipa-cis")
    return build_seed()


def build_seed():
    """The 2017 Kazakhstan Senate mission, as missions/fixtures/kz-senate-2017.yaml has it."""
    kz = country("KZ")
    ipa = organization(
        slug="ipa-cis",
        name="Interparliamentary Assembly of the Commonwealth of Independent States",
        short_name="IPA CIS",
        kind="assembly",
    )
    secretariat = organization(
        slug="ipa-cis-council-secretariat",
        name="IPA CIS Council Secretariat",
        kind="secretariat",
        parent=ipa,
    )
    organization(
        slug="iimdd-ipa-cis",
        name="IPA CIS International Institute for Monitoring Democracy Development",
        short_name="IIMDD IPA CIS",
        kind="institute",
        parent=ipa,
    )
    parliament = organization(
        slug="kz-parliament",
        name="Parliament of the Republic of Kazakhstan",
        country=kz,
        kind="legislature",
    )
    senate = organization(
        slug="kz-senate",
        name="Senate of the Parliament of the Republic of Kazakhstan",
        short_name="Senate",
        country=kz,
        kind="legislature",
        parent=parliament,
    )
    majilis = organization(
        slug="kz-majilis",
        name="Majilis of the Parliament of the Republic of Kazakhstan",
        short_name="Majilis",
        country=kz,
        kind="legislature",
        parent=parliament,
    )
    cec = organization(
        slug="kz-cec",
        name="Central Election Commission of the Republic of Kazakhstan",
        short_name="CEC",
        country=kz,
        kind="election-commission",
    )
    umakhanov = person(
        slug="ilyas-umakhanov",
        name="Ilyas Umakhanov",
        country=country("RU"),
        name_original="Ильяс Умаханов",
    )
    tokaev = person(
        slug="kasym-jomart-tokaev",
        name="Kasym-Jomart Tokaev",
        country=kz,
        name_original="Касым-Жомарт Токаев",
    )
    imashev = person(
        slug="berik-imashev", name="Berik Imashev", country=kz, name_original="Берик Имашев"
    )
    nigmatulin = person(
        slug="nurlan-nigmatulin",
        name="Nurlan Nigmatulin",
        country=kz,
        name_original="Нурлан Нигматулин",
    )
    senate_election = election(
        slug="kz-senate-2017",
        name="Elections to the Senate of the Parliament of the Republic of Kazakhstan",
        country=kz,
        kind=Election.Kind.PARLIAMENTARY_UPPER,
        voting_day=datetime.date(2017, 6, 28),
        body=senate,
    )
    record = mission(
        slug="kz-senate-2017-ipa-cis",
        title="IPA CIS observation of the elections to the Senate of Kazakhstan, 2017",
        election=senate_election,
        observer_body=ipa,
        starts=datetime.date(2017, 6, 27),
        ends=datetime.date(2017, 6, 29),
        summary=SEED_SUMMARY,
    )
    for order, code in enumerate(["AM", "BY", "KG", "MD", "RU", "TJ"]):
        delegation = Delegation.objects.create(mission=record, country=country(code), order=order)
        if code == "RU":
            DelegationMember.objects.create(
                delegation=delegation,
                person=umakhanov,
                role="coordinator",
                position="Deputy Speaker of the Federation Council of the Federal Assembly "
                "of the Russian Federation",
            )
    Delegation.objects.create(mission=record, organization=secretariat, order=6)
    record.coordinator = umakhanov
    record.save()
    meetings = [
        (27, "meeting", senate, tokaev, "Speaker of the Senate of the Parliament of the "
         "Republic of Kazakhstan", umakhanov, "Members of the IPA CIS Observers Team headed by "
         "Ilyas Umakhanov met with Speaker of the Senate Kasym-Jomart Tokaev."),
        (27, "meeting", cec, imashev, "Chairman of the Central Election Commission of the "
         "Republic of Kazakhstan", None, "The observers held a meeting with members of the "
         "Central Election Commission headed by the CEC Chairman Berik Imashev."),
        (28, "meeting", majilis, nigmatulin, "Speaker of the Majilis of the Parliament of the "
         "Republic of Kazakhstan", None, "After the voting the IPA CIS observers held a meeting "
         "with Speaker of the Majilis Nurlan Nigmatulin."),
    ]  # fmt: skip
    for order, (day, kind, host, counterpart, position, led_by, summary) in enumerate(meetings):
        meeting = Meeting.objects.create(
            mission=record,
            date=datetime.date(2017, 6, day),
            kind=kind,
            host=host,
            led_by=led_by,
            summary=summary,
            order=order,
        )
        MeetingCounterpart.objects.create(meeting=meeting, person=counterpart, position=position)
    Meeting.objects.create(
        mission=record,
        date=datetime.date(2017, 6, 29),
        kind="press-conference",
        place="Astana",
        led_by=umakhanov,
        summary="Astana hosted the outcome press-conference of the CIS Observer Mission.",
        order=3,
    )
    for order, (name, kind) in enumerate(
        [("Astana", "city"), ("Akmola Region", "region"), ("Karaganda Region", "region")]
    ):
        Visit.objects.create(
            mission=record,
            date=datetime.date(2017, 6, 28),
            region=Region.objects.create(country=kz, name=name, kind=kind),
            stages=["opening", "voting", "counting", "tabulation"],
            order=order,
        )
    Document.objects.create(
        mission=record,
        kind=Document.Kind.STATEMENT,
        date=datetime.date(2017, 6, 29),
        title="Findings by the IPA CIS International Observers Team",
        findings=SEED_FINDINGS,
    )
    return record


SEED_SUMMARY = (
    "On 27-29 June 2017 the IPA CIS Observer Team took part in the short-term monitoring of "
    "the elections to the Senate of the Parliament of the Republic of Kazakhstan.\n\n"
    "On the election day, June 28, members of the IPA CIS Observer Team held monitoring in "
    "three regions of Kazakhstan (Astana, Akmola and Karaganda regions)."
)
SEED_FINDINGS = (
    "According to the results of the long-term monitoring conducted by the IPA CIS IIMDD, the "
    "legislation of the Republic of Kazakhstan regulating the elections to the Senate of the "
    "Parliament was in line with international standards for democratic elections.\n"
    "The Central Election Commission of the Republic of Kazakhstan and territorial election "
    "commissions showed a high level of organization of the elections."
)
