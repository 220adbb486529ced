"""mission/2 records for page tests: one of each kind the public pages show, built with the ORM.

Every text carries `tag`, so a test can look for it on a page (or make sure it is not there).
"""

import datetime

import pytest
from django.core.files.base import ContentFile

from missions.models import (
    Delegation,
    DelegationMember,
    DocumentFile,
    Election,
    ElectionResult,
    ElectionRound,
    Meeting,
    MissionFigures,
    MissionPhase,
    MissionSource,
    OrganizationMembership,
    ReferendumQuestion,
    Region,
    ResultOutcome,
    Visit,
)

from . import factories

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def rounds_of(election):
    """Rounds 1 and 2 of the election (created once, shared by the missions observing it)."""
    first = ElectionRound.objects.filter(election=election, number=1).first()
    if first is None:
        first = factories.election_round(election, 1)
        factories.election_round(election, 2)
    return first, ElectionRound.objects.get(election=election, number=2)


def results_of(first, tag):
    """Preliminary results of round 1 with two outcomes (once per round)."""
    if first.results.exists():
        return
    result = ElectionResult.objects.create(
        round=first, registered_voters=1200000, turnout=61.5, preliminary=True
    )
    ResultOutcome.objects.create(result=result, option=f"Candidate {tag}", percent=55.25, order=1)
    ResultOutcome.objects.create(result=result, option="Another candidate", percent=40, order=2)


def referendum_on(election, tag, slug=None):
    """A referendum held the same day in the same country, with one question."""
    referendum = factories.election(
        slug=slug or f"referendum-{election.slug}",
        name=f"Referendum {tag}",
        country=election.country,
        kind=Election.Kind.REFERENDUM,
        voting_day=election.voting_day,
    )
    ReferendumQuestion.objects.create(election=referendum, text=f"Question {tag}?")
    return referendum


def add_mission2(mission, tag, *, also_observed=None, abroad="RU", file=True):
    """Add every mission/2 record the pages show to `mission`; returns what was made."""
    first, second = rounds_of(mission.election)
    results_of(first, tag)
    made = {"rounds": (first, second)}
    if also_observed is not None:
        mission.also_observed.add(also_observed)
    member = DelegationMember.objects.filter(delegation__mission=mission).first()
    member.group = f"Group {tag}"
    member.round = first
    member.save()
    partner_body = factories.organization(slug=f"{tag}-partner", name=f"Partner {tag}")
    made["partner"] = factories.partner(
        mission, organization=partner_body, head=member.person, role=f"Role {tag}"
    )
    partner_delegation = Delegation.objects.create(
        mission=mission, country=factories.country("AM"), partner=partner_body, order=9
    )
    DelegationMember.objects.create(delegation=partner_delegation, person=member.person)
    MissionPhase.objects.create(
        mission=mission, kind="long-term", starts=mission.starts, ends=mission.starts
    )
    MissionPhase.objects.create(
        mission=mission, kind="short-term", starts=mission.starts, ends=mission.ends
    )
    MissionFigures.objects.create(
        mission=mission, observers=321, polling_stations=77, figures_note=f"Note {tag}"
    )
    MissionSource.objects.create(
        mission=mission,
        url=f"https://example.org/{tag}",
        title=f"Source {tag}",
        publisher="Example News",
        language="ru",
        date=mission.starts,
    )
    Meeting.objects.create(mission=mission, kind="milestone", summary=f"Milestone {tag}")
    Visit.objects.filter(mission=mission).update(round=first, notes=f"Notes {tag}\nsecond line")
    country = factories.country(abroad)
    region, _ = Region.objects.get_or_create(country=country, name=f"Region abroad {tag}")
    Visit.objects.create(
        mission=mission,
        date=mission.ends,
        region=region,
        country=country,
        round=first,
        stations_visited=3,
        notes=f"Abroad {tag}",
    )
    co_issuer = factories.organization(slug=f"{tag}-co-issuer", name=f"Co-issuer {tag}")
    document = factories.document(
        mission,
        title=f"Final report {tag}",
        issuer=partner_body,
        url=f"https://example.org/{tag}/report",
        body=f"Body {tag} first line\nsecond line\n\nSecond paragraph",
    )
    document.co_issuers.add(co_issuer)
    document.rounds.add(first)
    made["document"] = document
    made["recommendation"] = factories.recommendation(
        document, 7, text=f"Recommendation {tag}", addressee=f"Addressee {tag}", priority=True
    )
    if file:
        made["file"] = DocumentFile.objects.create(
            document=document,
            file=ContentFile(PDF, name="report.pdf"),
            language="ru",
            title=f"File {tag}",
        )
    made["membership"], _ = OrganizationMembership.objects.get_or_create(
        organization=mission.observer_body,
        country=mission.election.country,
        since=datetime.date(1992, 3, 27),
    )
    return made


@pytest.fixture
def tmp_media(settings, tmp_path):
    """Document files stored in a fresh folder for the test (import it into the test module)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path
