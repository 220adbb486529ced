"""The mission page edits members inside their delegation and counterparts inside their
meeting; a post that leaves a nested section out changes nothing in it."""

from django.urls import reverse

from missions.models import DelegationMember, MeetingCounterpart, Mission

from . import factories
from .admin_forms import management, mission_post, posted_as_shown


def change_url(mission):
    return reverse("admin:missions_mission_change", args=[mission.pk])


def nested(prefix, rows, initial=0):
    """A nested section's management form and its rows, each a dict of field: value."""
    data = management(prefix, len(rows), initial)
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def test_a_member_is_added_inside_the_delegation_on_the_mission_page(
    admin_client, mission, delegation, person
):
    data = posted_as_shown(admin_client.get(change_url(mission)))
    data |= nested(
        "delegations-0-members",
        [{"person": person.pk, "role": "head", "position_en": "Senator", "order": "0"}],
    )
    response = admin_client.post(change_url(mission), data)
    assert response.status_code == 302
    member = delegation.members.get()
    assert (member.person, member.role, member.position_en) == (person, "head", "Senator")


def test_a_counterpart_is_added_inside_the_meeting(admin_client, mission, meeting, person):
    data = posted_as_shown(admin_client.get(change_url(mission)))
    data |= nested(
        "meetings-0-counterparts", [{"person": person.pk, "position_en": "Chair", "order": "0"}]
    )
    assert admin_client.post(change_url(mission), data).status_code == 302
    assert [(c.person, c.position_en) for c in meeting.counterparts.all()] == [(person, "Chair")]


def test_a_post_without_the_nested_sections_keeps_members_and_counterparts(
    admin_client, mission, member, meeting, person
):
    MeetingCounterpart.objects.create(meeting=meeting, person=person, position="Chair")
    data = posted_as_shown(admin_client.get(change_url(mission)))
    assert not any("-members-" in key or "-counterparts-" in key for key in data)
    assert admin_client.post(change_url(mission), data).status_code == 302
    assert DelegationMember.objects.filter(pk=member.pk).exists()
    assert meeting.counterparts.count() == 1


def test_a_member_is_removed_from_the_mission_page(admin_client, mission, member, delegation):
    data = posted_as_shown(admin_client.get(change_url(mission)))
    row = {"id": member.pk, "delegation": delegation.pk, "person": member.person_id}
    row |= {"role": member.role, "order": "0", "DELETE": "on"}
    data |= nested("delegations-0-members", [row], initial=1)
    assert admin_client.post(change_url(mission), data).status_code == 302
    assert not delegation.members.exists()


def test_every_error_is_listed_at_the_top_with_its_section_and_row(
    admin_client, mission, delegation
):
    data = posted_as_shown(admin_client.get(change_url(mission)))
    data |= nested("delegations-0-members", [{"role": "head", "order": "0"}])  # nobody
    data["starts"] = "11/12/2017"
    response = admin_client.post(change_url(mission), data)
    assert response.status_code == 200
    summary = [(p["where"], p["message"], p["anchor"]) for p in response.context["error_summary"]]
    assert summary == [
        (
            "Starts",
            "11/12/2017 can be read as 2017-11-12 or as 2017-12-11: "
            "enter it as 2016-12-11 or 11.12.2016 (day, month, year).",
            "id_starts",
        ),
        (
            "Delegations, row 1 (Russian Federation) › Delegation members, row 1: Person",
            "This field is required.",
            "id_delegations-0-members-0-person",
        ),
    ]
    assert 'href="#id_delegations-0-members-0-person"' in response.text
    assert not delegation.members.exists()


def test_the_page_of_a_mission_with_everything_opens_with_its_nested_sections(admin_client):
    mission = factories.full_mission()
    response = admin_client.get(change_url(mission))
    assert response.status_code == 200
    assert 'id="delegations-0-members-group"' in response.text
    assert 'id="meetings-0-counterparts-group"' in response.text


def new_mission_with_a_member(election, observer_body, person, round_pk):
    """A new mission's post: a delegation with one member who observed `round_pk`."""
    data = mission_post(election, observer_body, starts="2020-02-28", ends="2020-03-16")
    data |= nested("delegations", [{"country": factories.country("RU").pk, "order": "0"}])
    row = {"person": person.pk, "role": "observer", "round": round_pk, "order": "0"}
    return data | nested("delegations-0-members", [row])


def test_a_new_missions_member_takes_a_round_of_the_election_posted_before_the_first_save(
    admin_client, observer_body, person
):
    election = factories.election()
    run_off = factories.election_round(election, 2)
    factories.election_round(election, 1)
    data = new_mission_with_a_member(election, observer_body, person, run_off.pk)
    response = admin_client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 302
    (member,) = DelegationMember.objects.filter(delegation__mission__election=election)
    assert member.round == run_off


def test_a_visit_takes_a_round_of_an_election_also_observed_from_the_same_post(
    admin_client, mission, region
):
    also = factories.election(voting_day=mission.election.voting_day)
    same_day = factories.election_round(also, 1)
    data = posted_as_shown(admin_client.get(change_url(mission)))
    data["also_observed"] = [str(also.pk)]
    visit = {"date": "2017-06-28", "region": region.pk, "round": same_day.pk, "order": "0"}
    data |= nested("visits", [visit])
    assert admin_client.post(change_url(mission), data).status_code == 302
    assert mission.visits.get().round == same_day


def test_a_new_missions_member_cannot_take_a_round_of_another_election(
    admin_client, observer_body, person
):
    election, other = factories.election(), factories.election()
    factories.election_round(election, 1)
    elsewhere = factories.election_round(other, 1)
    data = new_mission_with_a_member(election, observer_body, person, elsewhere.pk)
    response = admin_client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 200
    (problem,) = response.context["error_summary"]
    assert problem["anchor"] == "id_delegations-0-members-0-round"
    assert problem["message"] == (
        "Select a valid choice. That choice is not one of the available choices."
    )
    assert not Mission.objects.filter(election=election).exists()


def test_the_rounds_of_the_elections_chosen_are_offered_as_json(admin_client):
    election, also = factories.election(), factories.election()
    first = factories.election_round(election, 1)
    other = factories.election_round(also, 1)
    factories.election_round(factories.election(), 1)  # of no election asked for
    url = reverse("admin:missions_mission_rounds")
    rounds = admin_client.get(url, {"election": election.pk, "also_observed": also.pk}).json()
    assert sorted(r["id"] for r in rounds["rounds"]) == sorted([first.pk, other.pk])
    assert admin_client.get(url, {"election": "x"}).json() == {"rounds": []}


def new_mission_with_members(election, observer_body, people, coordinator):
    """A new mission's post: one delegation of `people`, and `coordinator` chosen with them."""
    data = mission_post(election, observer_body, coordinator=str(coordinator.pk))
    data |= nested("delegations", [{"country": factories.country("RU").pk, "order": "0"}])
    rows = [{"person": p.pk, "role": "observer", "order": str(i)} for i, p in enumerate(people)]
    return data | nested("delegations-0-members", rows)


def test_a_new_missions_coordinator_is_chosen_among_the_members_posted_with_it(
    admin_client, election, observer_body, person
):
    other = factories.person()
    data = new_mission_with_members(election, observer_body, [other, person], person)
    response = admin_client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 302
    mission = Mission.objects.get()
    assert mission.coordinator == person
    assert sorted(m.person_id for m in DelegationMember.objects.all()) == sorted(
        [other.pk, person.pk]
    )


def test_a_new_missions_coordinator_not_among_the_members_posted_is_refused(
    admin_client, election, observer_body, person
):
    stranger = factories.person()
    data = new_mission_with_members(election, observer_body, [person], stranger)
    response = admin_client.post(reverse("admin:missions_mission_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["coordinator"] == [
        "The coordinator must be a member of one of the delegations."
    ]
    assert [p["anchor"] for p in response.context["error_summary"]] == ["id_coordinator"]
    assert not Mission.objects.exists()
    assert not DelegationMember.objects.exists()


def test_a_member_removed_in_the_same_post_cannot_stay_coordinator(
    admin_client, mission, member, delegation
):
    mission.coordinator = member.person
    mission.save()
    data = posted_as_shown(admin_client.get(change_url(mission)))
    row = {"id": member.pk, "delegation": delegation.pk, "person": member.person_id}
    row |= {"role": member.role, "order": "0", "DELETE": "on"}
    data |= nested("delegations-0-members", [row], initial=1)
    response = admin_client.post(change_url(mission), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["coordinator"] == [
        "The coordinator must be a member of one of the delegations."
    ]
    assert delegation.members.get() == member


def test_a_member_added_on_the_mission_page_is_named_coordinator_in_the_same_post(
    admin_client, mission, delegation, person
):
    data = posted_as_shown(admin_client.get(change_url(mission)))
    data |= nested("delegations-0-members", [{"person": person.pk, "role": "head", "order": "0"}])
    data["coordinator"] = str(person.pk)
    assert admin_client.post(change_url(mission), data).status_code == 302
    mission.refresh_from_db()
    assert mission.coordinator == person
    assert delegation.members.get().person == person
