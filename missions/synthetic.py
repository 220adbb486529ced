"""A reproducible synthetic archive for load tests and benchmarks.

Every synthetic record is recognisable without a model change:
- missions, elections, people and organizations have slugs starting with ``synthetic-``;
- every synthetic mission is observed by the organization ``synthetic-observers``;
- synthetic regions are named ``Synthetic region NN``;
- delegations, members, meetings, counterparts, visits and documents belong to a synthetic
  mission, so ``Mission.objects.filter(slug__startswith="synthetic-")`` reaches all of them.

The same seed gives the same rows (uids included) on an empty archive.
"""

import datetime
import random
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .cache import published_data_changed
from .models import (
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
    VisitStage,
)
from .search.index import search_affected, search_index_update

PREFIX = "synthetic-"
OBSERVER_BODY_SLUG = "synthetic-observers"
MEMBER_NATIONS = ["AM", "AZ", "BY", "KZ", "KG", "MD", "RU", "TJ", "UZ"]
FIRST_YEAR, YEARS = 2006, 20
OBSERVERS = (20, 60)
MEETINGS = (5, 15)
VISITS = (3, 10)
DOCUMENTS = (1, 3)
REGION_PREFIX = "Synthetic region "
REGIONS_PER_COUNTRY = 12
CHUNK = 100  # missions built and inserted at a time; keeps memory flat
BATCH = 1000  # rows per INSERT

FIRST_NAMES = (
    "Armen Anar Alexei Aigerim Bakyt Dmitri Elena Farrukh Gulnara Igor Irina Kamila Marat "
    "Natalia Nurlan Olga Rustam Sergei Tatiana Timur Vera Viktor Zarina Yuri"
).split()
LAST_NAMES = (
    "Abdullaev Aliev Babayan Bondarenko Ermekov Ivanova Karimov Kozlov Mamedova Nazarov Orlov "
    "Petrosyan Rahimov Sadykov Smirnova Tursunov Usmanov Volkov Zhakupova"
).split()
DOCUMENT_TITLES = {
    Document.Kind.PRELIMINARY_STATEMENT: "Preliminary statement of the mission",
    Document.Kind.STATEMENT: "Statement of the mission",
    Document.Kind.FINAL_REPORT: "Final report of the mission",
}
POSITIONS = [
    "Member of Parliament",
    "Deputy Speaker",
    "Chair of the Committee on Legal Affairs",
    "Member of the Central Election Commission",
    "Expert of the Council Secretariat",
]
ELECTION_KINDS = [
    (Election.Kind.PRESIDENTIAL, "Presidential election"),
    (Election.Kind.PARLIAMENTARY, "Parliamentary elections"),
    (Election.Kind.PARLIAMENTARY_UPPER, "Elections to the upper chamber"),
    (Election.Kind.REFERENDUM, "Referendum"),
    (Election.Kind.LOCAL, "Local elections"),
]
FINDINGS = [
    "Polling stations opened on time and were properly equipped.",
    "Voters could cast their ballots freely and in secret.",
    "Election commissions worked openly and professionally.",
    "Observers had unhindered access to every stage of the process.",
    "The count was transparent and the results were posted promptly.",
]


@dataclass
class Pools:
    """Shared records the missions draw from: people by country, regions, host bodies."""

    observers: dict = field(default_factory=dict)  # country code -> [Person]
    officials: dict = field(default_factory=dict)  # country code -> [Person]
    regions: dict = field(default_factory=dict)  # country code -> [Region]
    hosts: dict = field(default_factory=dict)  # country code -> [Organization]
    countries: dict = field(default_factory=dict)  # code -> Country
    observer_body: Organization = None


@dataclass
class Chunk:
    """The rows of a few missions, inserted level by level."""

    elections: list = field(default_factory=list)
    missions: list = field(default_factory=list)
    delegations: list = field(default_factory=list)
    members: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    counterparts: list = field(default_factory=list)
    visits: list = field(default_factory=list)
    visit_observers: list = field(default_factory=list)  # (visit, person)
    documents: list = field(default_factory=list)


def synthetic_missions():
    return Mission.objects.filter(slug__startswith=PREFIX)


def seed_archive(*, missions, seed=0, progress=None):
    """Create `missions` synthetic missions with everything they hold; return row counts."""
    rng = random.Random(seed)
    with transaction.atomic():
        pools = build_pools(rng, missions)
        done = 0
        while done < missions:
            size = min(CHUNK, missions - done)
            chunk = Chunk()
            for number in range(done, done + size):
                plan_mission(rng, pools, chunk, number)
            insert_chunk(chunk)
            done += size
            if progress:
                progress(done, missions)
        published_data_changed()  # bulk_create sends no signals
        search_index_update(missions=synthetic_missions())
    return archive_counts()


def archive_counts():
    found = synthetic_missions()
    return {
        "missions": found.count(),
        "people": Person.objects.filter(slug__startswith=PREFIX).count(),
        "delegation members": DelegationMember.objects.filter(
            delegation__mission__in=found
        ).count(),
        "meetings": Meeting.objects.filter(mission__in=found).count(),
        "visits": Visit.objects.filter(mission__in=found).count(),
        "documents": Document.objects.filter(mission__in=found).count(),
    }


def make_uid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


# Shared pools -------------------------------------------------------------------------------


def build_pools(rng, missions):
    pools = Pools()
    pools.countries = Country.objects.in_bulk(MEMBER_NATIONS, field_name="code")
    pools.observer_body = Organization.objects.create(
        slug=OBSERVER_BODY_SLUG,
        name="Synthetic Observer Assembly",
        short_name="SOA",
        kind=Organization.Kind.ASSEMBLY,
    )
    # Enough observers per nation that people recur across missions, as MPs do.
    per_nation = max(80, missions * 2)
    officials_per_country = max(20, missions // 2)
    people = []
    for code in MEMBER_NATIONS:
        country = pools.countries[code]
        pools.observers[code] = make_people(rng, country, per_nation, "observer")
        pools.officials[code] = make_people(rng, country, officials_per_country, "official")
        people += pools.observers[code] + pools.officials[code]
    Person.objects.bulk_create(people, batch_size=BATCH)

    regions, hosts = [], []
    for code in MEMBER_NATIONS:
        country = pools.countries[code]
        pools.regions[code] = [
            Region(country=country, name=f"{REGION_PREFIX}{n:02d}", kind=Region.Kind.REGION)
            for n in range(1, REGIONS_PER_COUNTRY + 1)
        ]
        pools.hosts[code] = [
            Organization(
                slug=f"{PREFIX}{code.lower()}-{slug}",
                name=f"{name} of {country.name}",
                country=country,
                kind=kind,
            )
            for slug, name, kind in (
                ("cec", "Central Election Commission", Organization.Kind.ELECTION_COMMISSION),
                ("parliament", "Parliament", Organization.Kind.LEGISLATURE),
                ("government", "Government", Organization.Kind.GOVERNMENT),
            )
        ]
        regions += pools.regions[code]
        hosts += pools.hosts[code]
    Region.objects.bulk_create(regions, batch_size=BATCH)
    Organization.objects.bulk_create(hosts, batch_size=BATCH)
    return pools


def make_people(rng, country, count, role):
    code = country.code.lower()
    return [
        Person(
            slug=f"{PREFIX}{code}-{role}-{n:05d}",
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            country=country,
        )
        for n in range(1, count + 1)
    ]


# One mission --------------------------------------------------------------------------------


def pick_status(rng):
    roll = rng.random()
    if roll < 0.85:
        return Mission.Status.PUBLISHED
    if roll < 0.95:
        return Mission.Status.DRAFT
    return Mission.Status.REVIEW


def plan_mission(rng, pools, chunk, number):
    host = rng.choice(MEMBER_NATIONS)
    country = pools.countries[host]
    kind, kind_name = rng.choice(ELECTION_KINDS)
    voting_day = datetime.date(FIRST_YEAR + rng.randrange(YEARS), 1, 1) + datetime.timedelta(
        days=rng.randrange(365)
    )
    election = Election(
        slug=f"{PREFIX}{host.lower()}-{kind}-{voting_day.year}-{number:05d}",
        name=f"{kind_name} in {country.name}, {voting_day.year}",
        country=country,
        kind=kind,
        voting_day=voting_day,
        body=pools.hosts[host][1] if kind != Election.Kind.PRESIDENTIAL else None,
    )
    long_term = rng.random() < 0.2
    starts = voting_day - datetime.timedelta(days=rng.randint(20, 45) if long_term else 2)
    ends = voting_day + datetime.timedelta(days=1)
    status = pick_status(rng)
    published_at = None
    if status == Mission.Status.PUBLISHED:
        published_at = timezone.make_aware(
            datetime.datetime.combine(ends + datetime.timedelta(days=3), datetime.time(12))
        )
    mission = Mission(
        slug=f"{PREFIX}mission-{number:05d}",
        title=f"Observation of the {kind_name.lower()} in {country.name}, {voting_day.year}",
        election=election,
        observer_body=pools.observer_body,
        monitoring=Mission.Monitoring.LONG_TERM if long_term else Mission.Monitoring.SHORT_TERM,
        starts=starts,
        ends=ends,
        status=status,
        summary=(
            f"Synthetic mission number {number}: observers from the member nations followed "
            f"the {kind_name.lower()} in {country.name}.\n\n"
            "Generated for load tests; not a real mission."
        ),
        published_at=published_at,
    )
    chunk.elections.append(election)
    chunk.missions.append(mission)
    members = plan_delegations(rng, pools, chunk, mission, host)
    # The head of the first delegation coordinates; people already have primary keys.
    members[0].role = DelegationMember.Role.COORDINATOR
    mission.coordinator = members[0].person
    plan_meetings(rng, pools, chunk, mission, host, members)
    plan_visits(rng, pools, chunk, mission, host, voting_day, members)
    plan_documents(rng, chunk, mission, voting_day)


def plan_delegations(rng, pools, chunk, mission, host):
    senders = rng.sample([code for code in MEMBER_NATIONS if code != host], rng.randint(3, 8))
    total = rng.randint(*OBSERVERS)
    # Split the observers across the sending nations, at least two each.
    sizes = [2] * len(senders)
    for _ in range(total - sum(sizes)):
        sizes[rng.randrange(len(senders))] += 1
    members = []
    for order, (code, size) in enumerate(zip(senders, sizes, strict=True)):
        delegation = Delegation(
            uid=make_uid(rng), mission=mission, country=pools.countries[code], order=order
        )
        chunk.delegations.append(delegation)
        for position, person in enumerate(rng.sample(pools.observers[code], size)):
            members.append(
                DelegationMember(
                    uid=make_uid(rng),
                    delegation=delegation,
                    person=person,
                    role=DelegationMember.Role.HEAD
                    if position == 0
                    else rng.choice(
                        [DelegationMember.Role.OBSERVER] * 4 + [DelegationMember.Role.EXPERT]
                    ),
                    position=rng.choice(POSITIONS),
                    order=position,
                )
            )
    chunk.members += members
    return members


def days_of(mission):
    return [
        mission.starts + datetime.timedelta(days=n)
        for n in range((mission.ends - mission.starts).days + 1)
    ]


def plan_meetings(rng, pools, chunk, mission, host, members):
    days = days_of(mission)
    for order in range(rng.randint(*MEETINGS)):
        meeting = Meeting(
            uid=make_uid(rng),
            mission=mission,
            date=rng.choice(days),
            kind=rng.choice(Meeting.Kind.values),
            place=f"{pools.countries[host].name} capital",
            host=rng.choice(pools.hosts[host]),
            led_by=rng.choice(members).person,
            summary="The sides discussed the preparations for the election.",
            order=order,
        )
        chunk.meetings.append(meeting)
        for position, person in enumerate(rng.sample(pools.officials[host], rng.randint(1, 3))):
            chunk.counterparts.append(
                MeetingCounterpart(
                    uid=make_uid(rng),
                    meeting=meeting,
                    person=person,
                    position=rng.choice(POSITIONS),
                    order=position,
                )
            )


def plan_visits(rng, pools, chunk, mission, host, voting_day, members):
    stages = list(VisitStage.values)
    for order in range(rng.randint(*VISITS)):
        visit = Visit(
            uid=make_uid(rng),
            mission=mission,
            date=voting_day,
            region=rng.choice(pools.regions[host]),
            # bulk_create skips Visit.save(), so keep the canonical order here.
            stages=[s for s in stages if rng.random() < 0.6] or [VisitStage.VOTING.value],
            stations_visited=rng.randint(2, 15),
            order=order,
        )
        chunk.visits.append(visit)
        for member in rng.sample(members, rng.randint(1, 4)):
            chunk.visit_observers.append((visit, member.person))


def plan_documents(rng, chunk, mission, voting_day):
    kinds = list(DOCUMENT_TITLES)
    for order in range(rng.randint(*DOCUMENTS)):
        chunk.documents.append(
            Document(
                uid=make_uid(rng),
                mission=mission,
                kind=kinds[order],
                date=mission.ends,
                title=DOCUMENT_TITLES[kinds[order]],
                findings="\n".join(rng.sample(FINDINGS, 3)),
                body="The mission followed the election closely.\n\nIt thanks its hosts.",
                language=rng.choice(["en", "ru"]),
                order=order,
            )
        )


# Inserting ----------------------------------------------------------------------------------


def insert_chunk(chunk):
    """Insert parents before children.

    bulk_create returns primary keys on SQLite and PostgreSQL, and copies a saved parent's
    key into a child's foreign key column, so each level can go in as soon as its parents have.
    """
    for model, rows in (
        (Election, chunk.elections),
        (Mission, chunk.missions),
        (Delegation, chunk.delegations),
        (DelegationMember, chunk.members),
        (Meeting, chunk.meetings),
        (MeetingCounterpart, chunk.counterparts),
        (Visit, chunk.visits),
        (Document, chunk.documents),
    ):
        model.objects.bulk_create(rows, batch_size=BATCH)
    through = Visit.observers.through
    through.objects.bulk_create(
        [
            through(visit_id=visit.pk, person_id=person.pk)
            for visit, person in chunk.visit_observers
        ],
        batch_size=BATCH,
    )


def delete_archive():
    """Remove every synthetic record, children first; real records are never touched."""
    with transaction.atomic():
        indexed = search_affected(Mission, synthetic_missions())
        synthetic_missions().delete()
        Election.objects.filter(slug__startswith=PREFIX).delete()
        Person.objects.filter(slug__startswith=PREFIX).delete()
        Region.objects.filter(name__startswith=REGION_PREFIX).delete()
        Organization.objects.filter(slug__startswith=PREFIX).delete()
        search_index_update(**indexed)
