"""The mission page edits members inside their delegation and counterparts inside their
meeting; a post that leaves a nested section out changes nothing in it."""

from django.urls import reverse

from missions.models import DelegationMember, MeetingCounterpart

from . import factories
from .admin_forms import management, posted_as_shown


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
