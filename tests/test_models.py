"""Rules the database and model validation hold, whatever route the data takes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from missions.models import (
    Country,
    Delegation,
    DelegationMember,
    Document,
    Meeting,
    Mission,
    Region,
    Visit,
)


def test_every_iso_country_is_loaded(db):
    assert Country.objects.count() == 249
    assert Country.objects.get(code="KZ").name == "Kazakhstan"


def test_mission_cannot_end_before_it_starts_in_the_database(mission):
    mission.ends = datetime.date(2017, 6, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        mission.save()


def test_mission_end_before_start_is_reported_on_the_field(mission):
    mission.ends = datetime.date(2017, 6, 1)
    with pytest.raises(ValidationError) as error:
        mission.full_clean()
    assert "ends" in error.value.message_dict


def test_mission_slug_is_unique(mission):
    mission.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        mission.save()


def test_delegation_needs_exactly_one_sender(mission, observer_body):
    with pytest.raises(IntegrityError), transaction.atomic():
        Delegation.objects.create(mission=mission)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delegation.objects.create(
            mission=mission, country=Country.objects.get(code="AM"), organization=observer_body
        )


def test_delegation_without_sender_fails_validation_on_the_country_field(mission):
    with pytest.raises(ValidationError) as error:
        Delegation(mission=mission).full_clean()
    assert "country" in error.value.message_dict


def test_one_membership_per_person_per_delegation(member):
    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationMember.objects.create(delegation=member.delegation, person=member.person)


def test_coordinator_must_be_a_delegation_member(mission, person):
    mission.coordinator = person
    with pytest.raises(ValidationError) as error:
        mission.full_clean()
    assert "coordinator" in error.value.message_dict


def test_coordinator_who_is_a_member_is_accepted(mission, member):
    mission.coordinator = member.person
    mission.full_clean()


def test_meeting_date_must_fall_within_the_mission(mission):
    meeting = Meeting(mission=mission, date=datetime.date(2017, 7, 15))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "2017-06-27 to 2017-06-29" in error.value.message_dict["date"][0]


def test_visit_region_must_be_in_the_host_country(mission):
    elsewhere = Region.objects.create(country=Country.objects.get(code="RU"), name="Moscow")
    visit = Visit(mission=mission, date=datetime.date(2017, 6, 28), region=elsewhere)
    with pytest.raises(ValidationError) as error:
        visit.full_clean()
    assert "region" in error.value.message_dict


def test_visit_rejects_unknown_stages(mission, region):
    visit = Visit(mission=mission, date=datetime.date(2017, 6, 28), region=region, stages=["lunch"])
    with pytest.raises(ValidationError) as error:
        visit.full_clean()
    assert "lunch" in error.value.message_dict["stages"][0]


def test_visit_stages_are_kept_in_election_day_order(visit):
    visit.stages = ["counting", "opening", "counting"]
    visit.save()
    visit.refresh_from_db()
    assert visit.stages == ["opening", "counting"]


def test_visit_observers_must_be_delegation_members(visit, person, member):
    visit.check_observers([person])
    stranger = type(person).objects.create(slug="someone-else", name="Someone Else")
    with pytest.raises(ValidationError) as error:
        visit.check_observers([person, stranger])
    assert "Someone Else" in error.value.message_dict["observers"][0]


def test_region_name_is_unique_within_a_country(region):
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(country=region.country, name=region.name)
    Region.objects.create(country=Country.objects.get(code="RU"), name=region.name)


def test_published_queryset_leaves_out_drafts_and_reviews(mission):
    for status in (Mission.Status.DRAFT, Mission.Status.REVIEW):
        Mission.objects.filter(pk=mission.pk).update(status=status)
        assert not Mission.objects.published().exists()
    Mission.objects.filter(pk=mission.pk).update(status=Mission.Status.PUBLISHED)
    assert list(Mission.objects.published()) == [mission]


def test_document_findings_are_split_by_line(mission):
    document = Document(
        mission=mission,
        kind=Document.Kind.STATEMENT,
        date=datetime.date(2017, 6, 29),
        title="Findings",
        findings="First finding.\n\n  Second finding.  \n",
    )
    assert document.findings_list() == ["First finding.", "Second finding."]


def test_natural_keys_resolve_back_to_the_record(region, member):
    assert Region.objects.get_by_natural_key(*region.natural_key()) == region
    assert DelegationMember.objects.get_by_natural_key(*member.natural_key()) == member
    assert Mission.objects.get_by_natural_key(*member.delegation.mission.natural_key())


@pytest.mark.parametrize("slug", ["KZ-Senate", "kz_senate", "kz--senate", "-kz"])
def test_slug_must_be_one_a_mission_document_can_carry(mission, slug):
    mission.slug = slug
    with pytest.raises(ValidationError) as error:
        mission.full_clean()
    assert "lowercase letters, digits and single hyphens" in error.value.message_dict["slug"][0]
