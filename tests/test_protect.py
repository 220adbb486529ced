"""Nothing lost: countries, people, organizations and regions in use cannot be deleted."""

import datetime

import pytest
from django.db import transaction
from django.db.models import ProtectedError

from missions.models import Country, Meeting, MeetingCounterpart, Organization, Person, Region


def assert_protected(obj):
    """Deleting obj is refused, the refusal names what uses it, and obj is still there."""
    with pytest.raises(ProtectedError) as refused, transaction.atomic():
        obj.delete()
    assert refused.value.protected_objects
    assert type(obj).objects.filter(pk=obj.pk).exists()
    return set(refused.value.protected_objects)


def test_country_holding_an_election_cannot_be_deleted(election):
    assert election in assert_protected(election.country)


def test_country_sending_a_delegation_cannot_be_deleted(delegation):
    assert delegation in assert_protected(Country.objects.get(code="RU"))


def test_country_with_regions_cannot_be_deleted(region):
    assert region in assert_protected(region.country)


def test_delegation_member_cannot_be_deleted(member):
    assert member in assert_protected(member.person)


def test_mission_coordinator_cannot_be_deleted(mission, person):
    mission.coordinator = person
    mission.save()
    assert mission in assert_protected(person)


def test_meeting_leader_and_counterpart_cannot_be_deleted(meeting, person, observer_body):
    official = Person.objects.create(slug="central-commission-chair", name="Chair")
    meeting.led_by = person
    meeting.host = observer_body
    meeting.save()
    counterpart = MeetingCounterpart.objects.create(meeting=meeting, person=official)
    assert meeting in assert_protected(person)
    assert counterpart in assert_protected(official)


def test_observer_body_cannot_be_deleted(mission, observer_body):
    assert mission in assert_protected(observer_body)


def test_meeting_host_cannot_be_deleted(mission):
    host = Organization.objects.create(slug="cec-kz", name="Central Election Commission")
    meeting = Meeting.objects.create(mission=mission, date=datetime.date(2017, 6, 27), host=host)
    assert meeting in assert_protected(host)


def test_organization_sending_a_delegation_cannot_be_deleted(mission, observer_body):
    delegation = mission.delegations.create(organization=observer_body)
    assert delegation in assert_protected(observer_body)


def test_parent_organization_cannot_be_deleted(observer_body):
    child = Organization.objects.create(
        slug="ipa-secretariat", name="Secretariat", parent=observer_body
    )
    assert child in assert_protected(observer_body)


def test_visited_region_cannot_be_deleted(visit):
    assert visit in assert_protected(visit.region)


def test_unused_records_can_be_deleted(host_country):
    region = Region.objects.create(country=host_country, name="Unvisited Region")
    person = Person.objects.create(slug="nobody", name="Nobody")
    region.delete()
    person.delete()
    assert not Region.objects.filter(name="Unvisited Region").exists()
    assert not Person.objects.filter(slug="nobody").exists()


def test_visit_observer_cannot_be_deleted(visit, member):
    # Observers must be delegation members (validated on import and in the admin), and the
    # membership protects the person.
    visit.observers.add(member.person)
    assert member in assert_protected(member.person)
    assert visit.observers.filter(pk=member.person.pk).exists()
