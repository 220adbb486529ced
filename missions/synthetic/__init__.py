"""A reproducible synthetic archive for load tests and benchmarks.

Every synthetic record is recognisable without a model change:
- missions, elections, people and organizations have slugs starting with ``synthetic-``;
- every synthetic mission is observed by the organization ``synthetic-observers``;
- synthetic regions are named ``Synthetic region NN``;
- delegations, members, meetings, counterparts, visits and documents belong to a synthetic
  mission, so ``Mission.objects.filter(slug__startswith="synthetic-")`` reaches all of them.

The same seed gives the same rows (uids included) on an empty archive. Rows are planned a
chunk of missions at a time and written by the import's sync engine (`Pending`: bulk
inserts, parents first, then `after_writes`). The shared pools and the marks are in `pools`,
the mission/2 records (rounds, partners, recommendations) in `mission2`.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from .. import models as m
from ..interchange.sync import Pending, after_writes
from ..public_flags import batched_flags
from ..search.index import search_affected, search_index_update
from .mission2 import plan_joint, plan_recommendations, plan_rounds
from .pools import (  # noqa: F401 (the marks are the package's interface)
    BATCH,
    MEMBER_NATIONS,
    OBSERVER_BODY_SLUG,
    PREFIX,
    REGION_PREFIX,
    REGIONS_PER_COUNTRY,
    Pools,
    build_pools,
    make_uid,
)
from .texts import DOCUMENT_TITLES, ELECTION_KINDS, FINDINGS, POSITIONS

FIRST_YEAR, YEARS = 2006, 20
OBSERVERS = (20, 60)
MEETINGS = (5, 15)
VISITS = (3, 10)
DOCUMENTS = (1, 3)
CHUNK = 100  # missions built and inserted at a time; keeps memory flat


def synthetic_missions():
    return m.Mission.objects.filter(slug__startswith=PREFIX)


def seed_archive(*, missions, seed=0, progress=None):
    """Create `missions` synthetic missions with everything they hold; return row counts."""
    rng = random.Random(seed)
    with transaction.atomic():
        pools = build_pools(rng, missions)
        done = 0
        while done < missions:
            size = min(CHUNK, missions - done)
            chunk = Pending(batch_size=BATCH)
            for number in range(done, done + size):
                plan_mission(rng, pools, chunk, number)
            after_writes(chunk.write())
            done += size
            if progress:
                progress(done, missions)
        search_index_update(missions=synthetic_missions())
        analyze()
    return archive_counts()


def analyze():
    """PostgreSQL: tell the planner what the bulk load wrote. Until autovacuum gets to it (and
    never, for rows a test's transaction holds) it plans for empty tables: nested loops over
    seq scans, minutes for a query over a dozen missions' members."""
    if connection.vendor != "postgresql":
        return
    from django.apps import apps

    tables = [
        model._meta.db_table
        for model in apps.get_app_config("missions").get_models(include_auto_created=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def archive_counts():
    found = synthetic_missions()
    return {
        "missions": found.count(),
        "people": m.Person.objects.filter(slug__startswith=PREFIX).count(),
        "delegation members": m.DelegationMember.objects.filter(
            delegation__mission__in=found
        ).count(),
        "meetings": m.Meeting.objects.filter(mission__in=found).count(),
        "visits": m.Visit.objects.filter(mission__in=found).count(),
        "documents": m.Document.objects.filter(mission__in=found).count(),
    }


# One mission --------------------------------------------------------------------------------


def pick_status(rng):
    roll = rng.random()
    if roll < 0.85:
        return m.Mission.Status.PUBLISHED
    if roll < 0.95:
        return m.Mission.Status.DRAFT
    return m.Mission.Status.REVIEW


def plan_mission(rng, pools, chunk, number):
    host = rng.choice(MEMBER_NATIONS)
    country = pools.countries[host]
    kind, kind_name = rng.choice(ELECTION_KINDS)
    voting_day = datetime.date(FIRST_YEAR + rng.randrange(YEARS), 1, 1) + datetime.timedelta(
        days=rng.randrange(365)
    )
    election = m.Election(
        slug=f"{PREFIX}{host.lower()}-{kind}-{voting_day.year}-{number:05d}",
        name=f"{kind_name} in {country.name}, {voting_day.year}",
        country=country,
        kind=kind,
        voting_day=voting_day,
        body=pools.hosts[host][1] if kind != m.Election.Kind.PRESIDENTIAL else None,
    )
    long_term = rng.random() < 0.2
    starts = voting_day - datetime.timedelta(days=rng.randint(20, 45) if long_term else 2)
    ends = voting_day + datetime.timedelta(days=1)
    status = pick_status(rng)
    published_at = None
    if status == m.Mission.Status.PUBLISHED:
        published_at = timezone.make_aware(
            datetime.datetime.combine(ends + datetime.timedelta(days=3), datetime.time(12))
        )
    mission = m.Mission(
        slug=f"{PREFIX}mission-{number:05d}",
        title=f"Observation of the {kind_name.lower()} in {country.name}, {voting_day.year}",
        election=election,
        observer_body=pools.observer_body,
        monitoring=m.Mission.Monitoring.LONG_TERM if long_term else m.Mission.Monitoring.SHORT_TERM,
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
    if number % 10 == 3:  # Russian-first: the assembly's own news exists only in Russian
        mission.title_ru = f"Наблюдение за выборами, {voting_day.year} ({country.code})"
        mission.title_en = ""
        mission.summary_ru, mission.summary_en = "Синтетическая миссия.", ""
    chunk.add(election)
    rounds = plan_rounds(rng, chunk, election)
    if number % 10 == 5:  # a second ballot on the same day
        also = m.Election(
            slug=f"{election.slug}-referendum",
            name=f"Referendum in {country.name}, {voting_day.year}",
            country=country,
            kind=m.Election.Kind.REFERENDUM,
            voting_day=voting_day,
        )
        chunk.add(also)
        chunk.add(m.ReferendumQuestion(election=also, text="Do you approve the amendments?"))
        chunk.link(mission, "also_observed", [also])
    chunk.add(mission)
    members = plan_delegations(rng, pools, chunk, mission, host)
    # The head of the first delegation coordinates; people already have primary keys.
    members[0].role = m.DelegationMember.Role.COORDINATOR
    mission.coordinator = members[0].person
    plan_joint(rng, pools, chunk, mission, members, number)
    plan_meetings(rng, pools, chunk, mission, host, members)
    plan_visits(rng, pools, chunk, mission, host, voting_day, members)
    plan_documents(rng, pools, chunk, mission, rounds, with_file=number % 10 == 0)


def plan_delegations(rng, pools, chunk, mission, host):
    senders = rng.sample([code for code in MEMBER_NATIONS if code != host], rng.randint(3, 8))
    total = rng.randint(*OBSERVERS)
    # Split the observers across the sending nations, at least two each.
    sizes = [2] * len(senders)
    for _ in range(total - sum(sizes)):
        sizes[rng.randrange(len(senders))] += 1
    members = []
    for order, (code, size) in enumerate(zip(senders, sizes, strict=True)):
        delegation = m.Delegation(
            uid=make_uid(rng), mission=mission, country=pools.countries[code], order=order
        )
        chunk.add(delegation)
        for position, person in enumerate(rng.sample(pools.observers[code], size)):
            members.append(
                m.DelegationMember(
                    uid=make_uid(rng),
                    delegation=delegation,
                    person=person,
                    role=m.DelegationMember.Role.HEAD
                    if position == 0
                    else rng.choice(
                        [m.DelegationMember.Role.OBSERVER] * 4 + [m.DelegationMember.Role.EXPERT]
                    ),
                    position=rng.choice(POSITIONS),
                    order=position,
                )
            )
    for member in members:
        chunk.add(member)
    return members


def days_of(mission):
    return [
        mission.starts + datetime.timedelta(days=n)
        for n in range((mission.ends - mission.starts).days + 1)
    ]


def plan_meetings(rng, pools, chunk, mission, host, members):
    days = days_of(mission)
    for order in range(rng.randint(*MEETINGS)):
        meeting = m.Meeting(
            uid=make_uid(rng),
            mission=mission,
            date=rng.choice(days),
            kind=rng.choice(m.Meeting.Kind.values),
            place=f"{pools.countries[host].name} capital",
            host=rng.choice(pools.hosts[host]),
            led_by=rng.choice(members).person,
            summary="The sides discussed the preparations for the election.",
            order=order,
        )
        chunk.add(meeting)
        for position, person in enumerate(rng.sample(pools.officials[host], rng.randint(1, 3))):
            chunk.add(
                m.MeetingCounterpart(
                    uid=make_uid(rng),
                    meeting=meeting,
                    person=person,
                    position=rng.choice(POSITIONS),
                    order=position,
                )
            )


def plan_visits(rng, pools, chunk, mission, host, voting_day, members):
    stages = list(m.VisitStage.values)
    for order in range(rng.randint(*VISITS)):
        visit = m.Visit(
            uid=make_uid(rng),
            mission=mission,
            date=voting_day,
            region=rng.choice(pools.regions[host]),
            stages=[s for s in stages if rng.random() < 0.6] or [m.VisitStage.VOTING.value],
            stations_visited=rng.randint(2, 15),
            order=order,
        )
        chunk.add(visit)
        observers = rng.sample(members, rng.randint(1, 4))
        chunk.link(visit, "observers", [member.person.pk for member in observers])


# A small generated file, a valid PDF header and trailer.
SYNTHETIC_PDF = b"%PDF-1.4\n% synthetic document\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def plan_documents(rng, pools, chunk, mission, rounds, *, with_file):
    kinds = list(DOCUMENT_TITLES)
    for order in range(rng.randint(*DOCUMENTS)):
        document = m.Document(
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
        chunk.add(document)
        chunk.link(document, "rounds", [rounds[0]])
        if order == 0:
            plan_recommendations(rng, pools, chunk, mission, document)
        if with_file and order == 0:
            chunk.add(
                m.DocumentFile(
                    uid=make_uid(rng),
                    document=document,
                    file=ContentFile(SYNTHETIC_PDF, name="statement.pdf"),
                    language="en",
                    size=len(SYNTHETIC_PDF),
                    media_type="application/pdf",
                )
            )


# Removing -----------------------------------------------------------------------------------


def delete_archive():
    """Remove every synthetic record, children first; real records are never touched. The
    stored flags and counts are recomputed once at the end, not after each deleted row."""
    with transaction.atomic(), batched_flags():
        indexed = search_affected(m.Mission, synthetic_missions())
        # Assessments protect the recommendations they assess.
        m.Assessment.objects.filter(document__mission__in=synthetic_missions()).delete()
        synthetic_missions().delete()
        m.Election.objects.filter(slug__startswith=PREFIX).delete()
        m.Person.objects.filter(slug__startswith=PREFIX).delete()
        m.Region.objects.filter(name__startswith=REGION_PREFIX).delete()
        m.Organization.objects.filter(slug__startswith=PREFIX).delete()
        search_index_update(**indexed)
