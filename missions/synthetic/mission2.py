"""The mission/2 records of a synthetic mission: rounds and results, partners, phases,
figures, sources, recommendations and the assessments between missions."""

import datetime

from .. import models as m
from .pools import make_uid


def plan_rounds(rng, chunk, election):
    """Round 1, a run-off for some presidential elections, and the results of round 1."""
    rounds = [m.ElectionRound(election=election, number=1, voting_day=election.voting_day)]
    if election.kind == m.Election.Kind.PRESIDENTIAL and rng.random() < 0.3:
        rounds.append(
            m.ElectionRound(
                election=election,
                number=2,
                voting_day=election.voting_day + datetime.timedelta(days=14),
                kind=m.ElectionRound.Kind.RUN_OFF,
            )
        )
    for found in rounds:
        chunk.add(found)
    result = m.ElectionResult(
        uid=make_uid(rng), round=rounds[0], turnout=rng.randint(3000, 9000) / 100
    )
    chunk.add(result)
    first = rng.randint(40, 90)
    for order, (option, percent) in enumerate((("Candidate A", first), ("Other", 100 - first))):
        chunk.add(
            m.ResultOutcome(
                uid=make_uid(rng), result=result, option=option, percent=percent, order=order
            )
        )
    return rounds


def plan_joint(rng, pools, chunk, mission, members, number):
    """A partner body for some missions, figures for most, phases for every third, a source
    for each."""
    if number % 3 == 0:
        chunk.add(
            m.MissionPhase(
                uid=make_uid(rng),
                mission=mission,
                kind=mission.monitoring,
                starts=mission.starts,
                ends=mission.ends,
            )
        )
    if number % 3 != 1:  # a joint mission with the partner body
        chunk.add(
            m.MissionPartner(
                uid=make_uid(rng),
                mission=mission,
                organization=pools.partner_body,
                head=members[-1].person,
                role="Head of the partner's delegation",
            )
        )
    if number % 5 < 3:  # most missions' sources state figures
        countries = len({member.delegation.country_id for member in members})
        chunk.add(m.MissionFigures(mission=mission, observers=len(members), countries=countries))
    chunk.add(
        m.MissionSource(
            uid=make_uid(rng),
            mission=mission,
            url=f"https://example.org/synthetic/{mission.slug}",
            title=f"News of {mission.slug}",
            language="en",
        )
    )


def plan_recommendations(rng, pools, chunk, mission, document):
    """Two recommendations, and an assessment between this mission and one planned before it
    (the later of the two assesses the earlier one's recommendation)."""
    made = []
    for number in (1, 2):
        recommendation = m.Recommendation(
            document=document,
            mission=mission,
            number=number,
            text="The authorities should publish results by polling station.",
            topic=m.Recommendation.Topic.COUNTING_AND_TABULATION,
            priority=number == 1,
        )
        chunk.add(recommendation)
        made.append(recommendation)
    others = [entry for entry in pools.recommendations if entry[0] != mission.starts]
    if others:
        starts, earlier, earlier_document = rng.choice(others)
        later, assessed = (
            (document, earlier)
            if starts < mission.starts
            else (
                earlier_document,
                made[0],
            )
        )
        chunk.add(
            m.Assessment(
                uid=make_uid(rng),
                document=later,
                recommendation=assessed,
                status=rng.choice(m.Assessment.Status.values),
            )
        )
    pools.recommendations.extend((mission.starts, r, document) for r in made)
