"""The admin: every page opens, and bad input is refused next to the field at fault."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from missions.models import Document, Meeting, Mission, Visit

from .admin_forms import management, mission_post

MODELS = [model for model in admin.site._registry if model._meta.app_label == "missions"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_missions_model_is_registered():
    names = sorted(model._meta.model_name for model in MODELS)
    assert names == [
        "country",
        "delegation",
        "delegationmember",
        "document",
        "election",
        "electionresult",
        "electionround",
        "meeting",
        "meetingcounterpart",
        "mission",
        "organization",
        "person",
        "recommendation",
        "region",
        "visit",
    ]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_and_search_open(admin_client, member, meeting, visit, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "changelist"), {"q": "Akmola"}).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_add_page_opens(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


def test_mission_search_finds_by_title(admin_client, mission):
    response = admin_client.get(admin_url(Mission, "changelist"), {"q": "Senate"})
    assert mission.title in response.text
    response = admin_client.get(admin_url(Mission, "changelist"), {"q": "nothing like it"})
    assert mission.title not in response.text


def test_mission_page_shows_its_parts(admin_client, mission, member, meeting, visit):
    Document.objects.create(
        mission=mission, kind="statement", date=datetime.date(2017, 6, 29), title="Statement"
    )
    response = admin_client.get(admin_url(Mission, "change", mission.pk))
    assert response.status_code == 200
    page = response.text
    # Each delegation and meeting links to its own page, where members and counterparts live.
    assert admin_url(type(member.delegation), "change", member.delegation.pk) in page
    assert admin_url(Meeting, "change", meeting.pk) in page
    assert 'value="Statement"' in page
    # Stages are checkboxes, the observed one ticked.
    assert 'type="checkbox" name="visits-0-stages" value="voting"' in page
    assert 'value="voting" id="id_visits-0-stages_1" checked' in page


def test_part_pages_open(admin_client, member, meeting, visit):
    for obj in (member.delegation, meeting, visit, member):
        response = admin_client.get(admin_url(type(obj), "change", obj.pk))
        assert response.status_code == 200, type(obj)


def field_errors(response, field, form="adminform"):
    context_form = response.context[form].form if form == "adminform" else None
    return list(context_form.errors.get(field, []))


def test_mission_ending_before_it_starts_is_refused(admin_client, election, observer_body):
    data = mission_post(election, observer_body, starts="2017-06-29", ends="2017-06-27")
    response = admin_client.post(admin_url(Mission, "add"), data)
    assert response.status_code == 200
    assert field_errors(response, "ends") == ["The mission cannot end before it starts."]
    assert 'class="errorlist' in response.text
    assert not Mission.objects.exists()


def test_new_mission_without_members_cannot_name_a_coordinator(
    admin_client, election, observer_body, person
):
    data = mission_post(election, observer_body, coordinator=str(person.pk))
    response = admin_client.post(admin_url(Mission, "add"), data)
    assert field_errors(response, "coordinator") == [
        "The coordinator must be a member of one of the delegations."
    ]
    assert not Mission.objects.exists()


def test_coordinator_must_be_a_member(admin_client, mission, person):
    from .admin_forms import existing_mission_post

    data = existing_mission_post(mission, coordinator=str(person.pk))
    response = admin_client.post(admin_url(Mission, "change", mission.pk), data)
    assert field_errors(response, "coordinator") == [
        "The coordinator must be a member of one of the delegations."
    ]
    mission.refresh_from_db()
    assert mission.coordinator is None


def inline_errors(response, prefix, index, field):
    for formset in response.context["inline_admin_formsets"]:
        if formset.formset.prefix == prefix:
            return list(formset.formset.forms[index].errors.get(field, []))
    raise AssertionError(f"no inline {prefix}")


def test_meeting_outside_the_mission_is_refused_on_a_new_mission(
    admin_client, election, observer_body
):
    data = mission_post(election, observer_body)
    data.update(management("meetings", total=1))
    data.update({"meetings-0-date": "2017-07-15", "meetings-0-kind": "meeting"})
    response = admin_client.post(admin_url(Mission, "add"), data)
    assert inline_errors(response, "meetings", 0, "date") == [
        "The date must fall within the mission (2017-06-27 to 2017-06-29)."
    ]
    assert not Mission.objects.exists()
    assert not Meeting.objects.exists()


def test_visit_to_a_region_abroad_is_refused(admin_client, election, observer_body, db):
    from missions.models import Country, Region

    abroad = Region.objects.create(country=Country.objects.get(code="RU"), name="Moscow")
    data = mission_post(election, observer_body)
    data.update(management("visits", total=1))
    data.update({"visits-0-date": "2017-06-28", "visits-0-region": str(abroad.pk)})
    response = admin_client.post(admin_url(Mission, "add"), data)
    assert inline_errors(response, "visits", 0, "region") == [
        "The region must be in the election's host country."
    ]
    assert not Visit.objects.exists()


def test_visit_observers_must_be_members(admin_client, visit, person, member):
    from missions.models import Person

    stranger = Person.objects.create(slug="stranger", name="A Stranger")
    url = admin_url(Visit, "change", visit.pk)
    data = {
        "mission": str(visit.mission_id),
        "date": "2017-06-28",
        "region": str(visit.region_id),
        "stages": ["voting", "counting"],
        "observers": [str(person.pk), str(stranger.pk)],
        "stations_visited": "",
        "notes": "",
        "order": "0",
    }
    response = admin_client.post(url, data)
    assert response.context["adminform"].form.errors["observers"] == [
        "Not a member of any delegation of this mission: A Stranger"
    ]
    assert list(visit.observers.all()) == []
    data["observers"] = [str(person.pk)]
    assert admin_client.post(url, data).status_code == 302
    visit.refresh_from_db()
    assert list(visit.observers.all()) == [person]
    assert visit.stages == ["voting", "counting"]


def test_whole_mission_saved_from_one_page_with_who_did_it(
    admin_client, admin_user, election, observer_body
):
    from missions.models import Country

    data = mission_post(election, observer_body)
    data.update(management("meetings", total=1))
    data.update({"meetings-0-date": "2017-06-27", "meetings-0-kind": "briefing"})
    data["meetings-0-order"] = "0"
    data.update(management("delegations", total=1))
    data["delegations-0-country"] = str(Country.objects.get(code="BY").pk)
    data["delegations-0-order"] = "0"
    response = admin_client.post(admin_url(Mission, "add"), data)
    assert response.status_code == 302
    mission = Mission.objects.get(slug="kz-president-2019")
    assert [str(d) for d in mission.delegations.all()] == ["Belarus"]
    assert mission.meetings.get().kind == "briefing"
    assert mission.created_by == admin_user
    assert mission.updated_by == admin_user
    assert mission.status == Mission.Status.DRAFT
