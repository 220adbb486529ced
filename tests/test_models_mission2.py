"""The rules of the mission/2 model: what the database refuses and what validation reports where."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from missions import visibility
from missions.cache import published_data_changed
from missions.models import (
    Assessment,
    Country,
    Delegation,
    Document,
    Election,
    ElectionResult,
    ElectionRound,
    Meeting,
    Mission,
    MissionFigures,
    MissionPartner,
    MissionPhase,
    MissionSource,
    Organization,
    OrganizationMembership,
    Recommendation,
    ReferendumQuestion,
    Region,
    ResultOutcome,
    Visit,
)
from tests import factories

DAY = datetime.date(2017, 6, 28)


def refused_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def errors_of(record, **kwargs):
    with pytest.raises(ValidationError) as error:
        record.full_clean(**kwargs)
    return error.value.message_dict


# --- rounds, questions, results -------------------------------------------------------------


def test_round_numbers_are_unique_within_an_election_and_start_at_1(election):
    ElectionRound.objects.create(election=election, number=1, voting_day=DAY)
    refused_by_database(
        lambda: ElectionRound.objects.create(election=election, number=1, voting_day=DAY)
    )
    refused_by_database(
        lambda: ElectionRound.objects.create(election=election, number=0, voting_day=DAY)
    )
    other = factories.election()
    assert ElectionRound.objects.create(election=other, number=1, voting_day=other.voting_day)


def test_round_1_is_held_on_the_elections_voting_day(election):
    errors = errors_of(ElectionRound(election=election, number=1, voting_day=DAY.replace(day=29)))
    assert "2017-06-28" in errors["voting_day"][0]
    ElectionRound(election=election, number=1, voting_day=DAY).full_clean()


def test_a_later_round_is_a_run_off_or_repeat_after_the_voting_day(election):
    errors = errors_of(ElectionRound(election=election, number=2, voting_day=DAY, kind="first"))
    assert set(errors) == {"voting_day", "kind"}
    ElectionRound(
        election=election, number=2, voting_day=DAY + datetime.timedelta(days=14), kind="run-off"
    ).full_clean()
    assert "number" in errors_of(ElectionRound(election=election, number=0, voting_day=DAY))


def test_round_natural_key_is_election_and_number(election):
    second = factories.election_round(election, 2)
    assert second.natural_key() == ("kz-senate-2017", 2)
    assert ElectionRound.objects.get_by_natural_key("kz-senate-2017", 2) == second


def test_questions_belong_to_a_referendum_and_need_a_text_in_one_language(election):
    errors = errors_of(ReferendumQuestion(election=election, text="Do you approve?"))
    assert errors["election"] == ["Only a referendum has questions."]
    referendum = factories.election(kind=Election.Kind.REFERENDUM)
    assert "text_en" in errors_of(ReferendumQuestion(election=referendum))
    ReferendumQuestion(election=referendum, text_ru="Одобряете ли вы поправки?").full_clean()


@pytest.mark.parametrize("turnout", [Decimal("-0.01"), Decimal("100.01")])
def test_turnout_is_a_percentage_in_the_database_and_on_the_field(election, turnout):
    first = factories.election_round(election, 1)
    assert "turnout" in errors_of(ElectionResult(round=first, turnout=turnout))
    refused_by_database(lambda: ElectionResult.objects.create(round=first, turnout=turnout))


def test_turnout_keeps_two_decimals_and_may_be_left_out(election):
    first = factories.election_round(election, 1)
    result = ElectionResult.objects.create(round=first, turnout=Decimal("48.25"))
    result.refresh_from_db()
    assert result.turnout == Decimal("48.25")
    assert "turnout" in errors_of(ElectionResult(round=first, turnout=Decimal("48.255")))
    ElectionResult(round=first).full_clean()


def test_outcome_percent_is_0_to_100_and_counts_are_not_negative(election):
    result = ElectionResult.objects.create(round=factories.election_round(election, 1))
    refused_by_database(
        lambda: ResultOutcome.objects.create(result=result, option="Yes", percent=Decimal("101"))
    )
    refused_by_database(lambda: ResultOutcome.objects.create(result=result, option="No", votes=-1))
    errors = errors_of(ResultOutcome(result=result, option="Yes", percent=Decimal("-1"), seats=-2))
    assert set(errors) == {"percent", "seats"}
    ResultOutcome(result=result, option="Candidate One", percent=Decimal("41.2")).full_clean()


# --- partners, phases, figures, sources -----------------------------------------------------


def test_a_partner_once_per_mission_and_never_the_observer_body_itself(mission):
    partner = factories.partner(mission)
    refused_by_database(
        lambda: MissionPartner.objects.create(mission=mission, organization=partner.organization)
    )
    errors = errors_of(MissionPartner(mission=mission, organization=mission.observer_body))
    assert errors["organization"] == ["The observer body itself is not a partner."]


def test_a_partners_head_is_a_member_of_a_delegation(mission, person, member):
    stranger = factories.person()
    partner = MissionPartner(mission=mission, organization=factories.organization(), head=stranger)
    assert "head" in errors_of(partner)
    partner.head = person
    partner.role_ru = "Специальный координатор"
    partner.full_clean()


def test_a_phase_ends_after_it_starts_and_lies_within_the_mission(mission):
    refused_by_database(
        lambda: MissionPhase.objects.create(
            mission=mission, kind="long-term", starts=DAY, ends=DAY - datetime.timedelta(days=1)
        )
    )
    outside = MissionPhase(mission=mission, kind="long-term", starts=DAY.replace(day=1), ends=DAY)
    assert "2017-06-27 to 2017-06-29" in errors_of(outside)["starts"][0]
    MissionPhase(mission=mission, kind="short-term", starts=DAY, ends=DAY).full_clean()


@pytest.mark.parametrize("key", MissionFigures.KEYS)
def test_each_figure_is_a_non_negative_count(mission, key):
    assert key in errors_of(MissionFigures(mission=mission, **{key: -1}))
    refused_by_database(lambda: MissionFigures.objects.create(mission=mission, **{key: -1}))


def test_figures_are_all_optional_and_stated_lists_only_what_is_given(mission):
    figures = MissionFigures(mission=mission, countries=6, figures_note_ru="около 50 депутатов")
    figures.full_clean()
    figures.save()
    assert mission.figures.stated() == {"countries": 6}
    assert MissionFigures.objects.get_by_natural_key(mission.slug) == figures
    refused_by_database(lambda: MissionFigures.objects.create(mission=mission))


def test_a_source_needs_a_web_address_and_a_title_as_printed(mission):
    errors = errors_of(MissionSource(mission=mission, url="ftp://example.org/x", language="eng"))
    assert set(errors) == {"url", "title", "language"}
    MissionSource(
        mission=mission, url="https://example.org/itogi", title="Итоги наблюдения", language="ru"
    ).full_clean()


# --- organizations and memberships ----------------------------------------------------------


@pytest.mark.parametrize(
    "kind", ["party", "campaign", "court", "ministry", "civil-society", "media", "international"]
)
def test_the_new_organization_kinds_are_accepted(db, kind):
    Organization(slug="body", name="A body", kind=kind, url="https://example.org").full_clean()


def test_an_organizations_url_is_a_web_address(db):
    errors = errors_of(Organization(slug="body", name="A body", url="javascript:alert(1)"))
    assert "url" in errors


def test_a_membership_ends_after_it_begins(observer_body):
    georgia = Country.objects.get(code="GE")
    refused_by_database(
        lambda: OrganizationMembership.objects.create(
            organization=observer_body,
            country=georgia,
            since=datetime.date(2009, 1, 1),
            until=datetime.date(2001, 1, 1),
        )
    )


def test_memberships_of_one_country_and_body_do_not_overlap(observer_body):
    georgia = Country.objects.get(code="GE")
    OrganizationMembership.objects.create(
        organization=observer_body,
        country=georgia,
        since=datetime.date(2001, 5, 1),
        until=datetime.date(2009, 8, 18),
    )
    overlapping = OrganizationMembership(
        organization=observer_body, country=georgia, since=datetime.date(2005, 1, 1)
    )
    assert "since" in errors_of(overlapping)
    OrganizationMembership(
        organization=observer_body, country=georgia, since=datetime.date(2012, 1, 1)
    ).full_clean()
    refused_by_database(
        lambda: OrganizationMembership.objects.create(
            organization=observer_body, country=georgia, since=datetime.date(2001, 5, 1)
        )
    )


def test_the_member_flag_is_gone_from_the_country(db):
    assert "is_member" not in {field.name for field in Country._meta.get_fields()}


# --- delegations and their members ----------------------------------------------------------


def test_one_delegation_per_sender_and_partner(mission):
    russia = Country.objects.get(code="RU")
    partner = factories.partner(mission).organization
    Delegation.objects.create(mission=mission, country=russia)
    Delegation.objects.create(mission=mission, country=russia, partner=partner)
    refused_by_database(lambda: Delegation.objects.create(mission=mission, country=russia))
    refused_by_database(
        lambda: Delegation.objects.create(mission=mission, country=russia, partner=partner)
    )
    body = factories.organization()
    Delegation.objects.create(mission=mission, organization=body)
    Delegation.objects.create(mission=mission, organization=body, partner=partner)
    refused_by_database(
        lambda: Delegation.objects.create(mission=mission, organization=body, partner=partner)
    )


def test_a_delegations_partner_is_one_of_the_missions_partners(mission):
    stranger = factories.organization()
    delegation = Delegation(
        mission=mission, country=Country.objects.get(code="AM"), partner=stranger
    )
    assert errors_of(delegation)["partner"] == [
        "The partner body must be one of the mission's partners."
    ]
    factories.partner(mission, organization=stranger)
    delegation.full_clean()


def test_a_members_round_is_a_round_of_the_election_observed(member):
    election = member.delegation.mission.election
    member.round = factories.election_round(factories.election(), 1)
    assert "round" in errors_of(member)
    member.round = factories.election_round(election, 2)
    member.group = "EPP"
    member.full_clean()
    member.save()
    assert list(member.round.delegation_members.all()) == [member]


# --- meetings -------------------------------------------------------------------------------


def test_a_meeting_may_have_no_date_and_comes_after_the_dated_ones(mission):
    undated = Meeting.objects.create(mission=mission, summary="Met the commission.")
    dated = Meeting.objects.create(mission=mission, date=DAY, order=5)
    undated.full_clean()
    assert list(mission.meetings.all()) == [dated, undated]


def test_a_milestone_may_lie_up_to_a_year_around_the_mission(mission):
    decided = Meeting(mission=mission, kind="milestone", date=datetime.date(2016, 6, 27))
    decided.summary = "The council decided to send the mission."
    decided.full_clean()
    decided.date = datetime.date(2016, 6, 26)
    assert "2016-06-27 to 2018-06-29" in errors_of(decided)["date"][0]
    decided.date = datetime.date(2018, 6, 29)
    decided.full_clean()


def test_other_kinds_stay_within_the_missions_dates(mission):
    briefing = Meeting(mission=mission, kind="briefing", date=datetime.date(2017, 6, 1))
    assert "date" in errors_of(briefing)


def test_a_milestone_needs_a_summary_in_either_language(mission):
    milestone = Meeting(mission=mission, kind="milestone")
    assert errors_of(milestone)["summary_en"] == ["A milestone needs a summary of what happened."]
    milestone.summary_ru = "Центральная избирательная комиссия пригласила Ассамблею."
    milestone.full_clean()


# --- visits ---------------------------------------------------------------------------------


def test_a_visit_abroad_is_to_a_region_of_that_country(mission, region):
    moscow = Region.objects.create(country=Country.objects.get(code="RU"), name="Moscow")
    abroad = Visit(mission=mission, date=DAY, region=moscow, country=moscow.country)
    abroad.full_clean()
    abroad.region = region
    assert errors_of(abroad)["region"] == ["The region must be in the country abroad chosen."]
    abroad.country = None
    abroad.region = moscow
    assert errors_of(abroad)["region"] == ["The region must be in the election's host country."]


def test_a_visit_abroad_names_a_country_other_than_the_host(mission, region, host_country):
    visit = Visit(mission=mission, date=DAY, region=region, country=host_country)
    assert "country" in errors_of(visit)


def test_a_visits_round_is_a_round_of_the_election_observed(visit, election):
    visit.round = factories.election_round(factories.election(), 1)
    assert "round" in errors_of(visit)
    visit.round = factories.election_round(election, 1)
    visit.full_clean()


# --- documents, files, recommendations, assessments ----------------------------------------


def test_a_documents_issuer_defaults_to_the_observer_body(mission):
    document = factories.document(mission)
    assert document.issued_by == mission.observer_body
    odihr = factories.organization(slug="odihr")
    document.issuer = odihr
    document.save()
    document.co_issuers.add(mission.observer_body)
    assert document.issued_by == odihr
    assert list(mission.observer_body.documents_co_issued.all()) == [document]


def test_a_documents_url_is_a_web_address(mission):
    document = factories.document(mission, url="file:///etc/passwd")
    assert "url" in errors_of(document)


def test_a_document_may_cover_several_rounds_of_the_election_observed(mission, election):
    document = factories.document(mission)
    rounds = [factories.election_round(election, 1), factories.election_round(election, 2)]
    document.check_rounds(rounds)
    document.rounds.set(rounds)
    assert list(document.rounds.order_by("number")) == rounds
    with pytest.raises(ValidationError) as error:
        document.check_rounds([factories.election_round(factories.election(), 1)])
    assert "rounds" in error.value.message_dict


def test_recommendation_numbers_are_unique_within_the_mission_across_its_documents(mission):
    preliminary = factories.document(mission, kind=Document.Kind.PRELIMINARY_STATEMENT)
    final = factories.document(mission)
    factories.recommendation(preliminary, 1)
    refused_by_database(lambda: factories.recommendation(final, 1))
    repeated = Recommendation(document=final, number=1, text="Again number one.")
    assert errors_of(repeated)["number"] == [
        "This mission already has a recommendation with this number."
    ]
    other = factories.document(factories.mission())
    assert factories.recommendation(other, 1).mission == other.mission


def test_a_recommendation_number_is_positive_and_its_text_in_either_language(mission):
    document = factories.document(mission)
    refused_by_database(lambda: factories.recommendation(document, 0))
    errors = errors_of(Recommendation(document=document, number=2, topic="media"))
    assert "text_en" in errors
    Recommendation(document=document, number=2, text_ru="Пересмотреть закон.").full_clean()
    assert "topic" in errors_of(Recommendation(document=document, number=3, text="T", topic="x"))


def test_a_recommendations_natural_key_is_the_mission_and_number(mission):
    recommendation = factories.recommendation(factories.document(mission), 7)
    assert recommendation.natural_key() == (mission.slug, 7)
    assert Recommendation.objects.get_by_natural_key(mission.slug, 7) == recommendation


def test_an_assessment_is_of_an_earlier_missions_recommendation(mission):
    earlier = factories.mission(starts=datetime.date(2012, 1, 1), ends=datetime.date(2012, 1, 3))
    earlier_recommendation = factories.recommendation(factories.document(earlier), 3)
    own = factories.recommendation(factories.document(mission), 1)
    report = factories.document(mission, title="Assessing report")
    assessment = Assessment(
        document=report, recommendation=earlier_recommendation, status="partially", note="Amended."
    )
    assessment.full_clean()
    assessment.save()
    assert "recommendation" in errors_of(
        Assessment(document=report, recommendation=own, status="fully")
    )
    assert "status" in errors_of(
        Assessment(
            document=factories.document(mission),
            recommendation=earlier_recommendation,
            status="done",
        )
    )
    refused_by_database(
        lambda: Assessment.objects.create(
            document=report, recommendation=earlier_recommendation, status="fully"
        )
    )


# --- also observed --------------------------------------------------------------------------


def test_also_observed_elections_are_of_the_same_voting_day(mission, election):
    referendum = factories.election(kind=Election.Kind.REFERENDUM, voting_day=DAY)
    later = factories.election(voting_day=DAY + datetime.timedelta(days=1))
    mission.check_also_observed([referendum])
    with pytest.raises(ValidationError) as error:
        mission.check_also_observed([later, election])
    messages = error.value.message_dict["also_observed"]
    assert len(messages) == 2
    assert "2017-06-29, not on the voting day 2017-06-28" in messages[0]
    assert "main election" in messages[1]
    mission.also_observed.add(referendum)
    assert list(referendum.missions_also_observing.all()) == [mission]
    assert mission.election_ids() == {election.pk, referendum.pk}


# --- either language may be the original (issue 18, rule 1) ---------------------------------


def test_a_russian_only_mission_election_organization_and_document_are_valid(mission):
    body = Organization(slug="mpa", name_ru="Межпарламентская Ассамблея")
    body.full_clean()
    election = Election(
        slug="kg-2021",
        name_ru="Досрочные выборы Президента",
        country=Country.objects.get(code="KG"),
        kind="presidential",
        voting_day=datetime.date(2021, 1, 10),
    )
    election.full_clean()
    mission.title_en = ""
    mission.title_ru = "Наблюдение за выборами"
    mission.full_clean()
    document = factories.document(mission, title="")
    document.title_ru = "Заявление"
    document.full_clean()
    with translation.override("en"):
        assert str(mission) == "Наблюдение за выборами"
        assert str(document) == "Заявление"
        assert str(body) == "Межпарламентская Ассамблея"


@pytest.mark.parametrize(
    "make",
    [
        lambda m: (Organization(slug="nameless"), "name_en"),
        lambda m: (
            Election(slug="nameless", country=m.election.country, kind="local", voting_day=DAY),
            "name_en",
        ),
        lambda m: (
            Mission(
                slug="untitled",
                election=m.election,
                observer_body=m.observer_body,
                monitoring="short-term",
                starts=DAY,
                ends=DAY,
            ),
            "title_en",
        ),
        lambda m: (Document(mission=m, kind="statement", date=DAY), "title_en"),
    ],
    ids=["organization", "election", "mission", "document"],
)
def test_a_text_in_neither_language_is_refused_next_to_the_english_field(mission, make):
    record, field = make(mission)
    assert errors_of(record)[field] == ["Give this text in English or in Russian (at least one)."]


# --- visibility: new records are public only through a published mission --------------------


@pytest.fixture
def joint_draft(db):
    """A draft mission with a bit of every new record, and a published one beside it."""
    draft = factories.full_mission(status=Mission.Status.DRAFT)
    first = factories.election_round(draft.election, 1)
    figures = MissionFigures.objects.create(mission=draft, observers=10)
    head = draft.delegations.first().members.first().person
    partner = factories.partner(draft, head=head)
    document = draft.documents.get()
    document.issuer = factories.organization()
    document.save()
    document.rounds.add(first)
    document.co_issuers.add(factories.organization())
    recommendation = factories.recommendation(document, 1)
    also = factories.election(voting_day=draft.election.voting_day)
    draft.also_observed.add(also)
    return {
        "mission": draft,
        "round": first,
        "figures": figures,
        "partner": partner,
        "document": document,
        "recommendation": recommendation,
        "also": also,
    }


def test_nothing_new_of_a_draft_is_public(joint_draft):
    draft = joint_draft
    document = draft["document"]
    assert not visibility.public_rounds().filter(pk=draft["round"].pk).exists()
    assert not visibility.public_elections().filter(pk=draft["also"].pk).exists()
    assert not visibility.public_also_observed().exists()
    assert not visibility.public_figures().exists()
    assert not visibility.public_partners().exists()
    assert not visibility.public_recommendations().exists()
    public_organizations = visibility.public_organizations()
    assert not public_organizations.filter(pk=draft["partner"].organization_id).exists()
    assert not public_organizations.filter(pk=document.issuer_id).exists()
    assert not public_organizations.filter(pk__in=document.co_issuers.all()).exists()
    assert not visibility.public_people().filter(pk=draft["partner"].head_id).exists()


def test_publishing_makes_the_new_records_public(joint_draft):
    draft = joint_draft
    Mission.objects.filter(pk=draft["mission"].pk).update(status=Mission.Status.PUBLISHED)
    published_data_changed()  # a write without signals says so (missions/cache.py)
    document = draft["document"]
    assert visibility.public_rounds().filter(pk=draft["round"].pk).exists()
    assert visibility.public_elections().filter(pk=draft["also"].pk).exists()
    assert visibility.public_figures().get() == draft["figures"]
    assert visibility.public_recommendations().get() == draft["recommendation"]
    public_organizations = visibility.public_organizations()
    assert public_organizations.filter(pk=draft["partner"].organization_id).exists()
    assert public_organizations.filter(pk=document.issuer_id).exists()
    assert public_organizations.filter(pk__in=document.co_issuers.all()).exists()
    assert visibility.public_people().filter(pk=draft["partner"].head_id).exists()


def test_an_assessment_shows_only_when_both_missions_are_published(mission):
    earlier = factories.mission(
        starts=datetime.date(2012, 1, 1), ends=datetime.date(2012, 1, 3), status="draft"
    )
    recommendation = factories.recommendation(factories.document(earlier), 3)
    Assessment.objects.create(
        document=factories.document(mission), recommendation=recommendation, status="fully"
    )
    assert not visibility.public_assessments().exists()
    Mission.objects.filter(pk=earlier.pk).update(status=Mission.Status.PUBLISHED)
    assert visibility.public_assessments().count() == 1


def test_memberships_show_only_for_public_organizations(mission, observer_body):
    hidden = factories.organization()
    armenia = Country.objects.get(code="AM")
    OrganizationMembership.objects.create(organization=observer_body, country=armenia)
    OrganizationMembership.objects.create(organization=hidden, country=armenia)
    shown = visibility.public_memberships().values_list("organization__slug", flat=True)
    assert list(shown) == ["ipa-cis"]


# --- natural keys: a dumpdata with natural keys loads back (what make backup relies on) --------


def test_new_records_dump_and_load_back_by_natural_keys(joint_draft, tmp_path):
    from django.core.management import call_command

    from tests.documents_helpers import empty_database, row_counts

    mission = joint_draft["mission"]
    earlier = factories.mission(starts=datetime.date(2012, 1, 1), ends=datetime.date(2012, 1, 3))
    old = factories.recommendation(factories.document(earlier), 3)
    Assessment.objects.create(document=joint_draft["document"], recommendation=old, status="fully")
    result = ElectionResult.objects.create(round=joint_draft["round"], turnout=Decimal("48.25"))
    ResultOutcome.objects.create(result=result, option="Yes", percent=Decimal("60"))
    OrganizationMembership.objects.create(
        organization=mission.observer_body, country=Country.objects.get(code="AM")
    )
    before = row_counts()
    dump = tmp_path / "data.json"
    call_command(
        "dumpdata", "missions", natural_foreign=True, natural_primary=True, output=str(dump)
    )
    empty_database()
    assert not Recommendation.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)
    assert row_counts() == before
    loaded = Mission.objects.get(slug=mission.slug)
    assert loaded.figures.observers == 10
    assert loaded.recommendations.get().number == 1
    assert loaded.also_observed.get().slug == joint_draft["also"].slug
    assert Assessment.objects.get().recommendation.mission.slug == earlier.slug
