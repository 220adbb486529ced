"""History: edits to a mission's parts are recorded with who and when; a revert restores them."""

from django.urls import reverse
from reversion.models import Version

from missions.models import DelegationMember, Meeting, Mission

from .admin_forms import existing_mission_post, management


def delegation_post(delegation, member, position):
    data = {
        "mission": str(delegation.mission_id),
        "country": str(delegation.country_id),
        "organization": "",
        "order": "0",
        "members-0-id": str(member.pk),
        "members-0-delegation": str(delegation.pk),
        "members-0-person": str(member.person_id),
        "members-0-role": member.role,
        "members-0-position_en": position,
        "members-0-order": "0",
    }
    data.update(management("members", total=1, initial=1))
    return data


def mission_versions(mission):
    return Version.objects.get_for_object(mission)


def test_editing_a_member_is_recorded_in_the_mission_history(admin_client, admin_user, member):
    mission = member.delegation.mission
    url = reverse("admin:missions_delegation_change", args=[member.delegation_id])
    response = admin_client.post(url, delegation_post(member.delegation, member, "Senator"))
    assert response.status_code == 302
    versions = mission_versions(mission)
    assert versions.count() == 1
    revision = versions.first().revision
    assert revision.user == admin_user
    saved_member = revision.version_set.get(content_type__model="delegationmember")
    assert saved_member.field_dict["position"] == "Senator"
    history = admin_client.get(reverse("admin:missions_mission_history", args=[mission.pk]))
    assert admin_user.username in history.text
    assert "Changed Position [en] for delegation member" in history.text


def test_revert_restores_the_parts_together(admin_client, member, meeting):
    mission = member.delegation.mission
    mission_url = reverse("admin:missions_mission_change", args=[mission.pk])
    as_it_was = existing_mission_post(mission, summary_en="First summary")
    assert admin_client.post(mission_url, as_it_was).status_code == 302
    first = mission_versions(mission).get()

    # Later: a meeting deleted on its own page, a member's office edited on the delegation's.
    delete_url = reverse("admin:missions_meeting_delete", args=[meeting.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    delegation_url = reverse("admin:missions_delegation_change", args=[member.delegation_id])
    admin_client.post(delegation_url, delegation_post(member.delegation, member, "Senator"))
    assert mission_versions(mission).count() == 3
    assert not Meeting.objects.exists()

    revision_url = reverse("admin:missions_mission_revision", args=[mission.pk, first.pk])
    # Looking at the old version changes nothing.
    assert admin_client.get(revision_url).status_code == 200
    assert not Meeting.objects.exists()

    assert admin_client.post(revision_url, as_it_was).status_code == 302
    assert Meeting.objects.filter(pk=meeting.pk, mission=mission).exists()
    assert DelegationMember.objects.get(pk=member.pk).position == member.position
    assert Mission.objects.get(pk=mission.pk).summary == "First summary"


def test_editor_cannot_revert_to_a_published_version(client, editor, publisher, mission):
    client.force_login(publisher)
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    assert client.post(url, existing_mission_post(mission)).status_code == 302
    published_version = mission_versions(mission).get()
    client.post(
        reverse("admin:missions_mission_changelist"),
        {"action": "unpublish", "_selected_action": [str(mission.pk)]},
    )
    assert Mission.objects.get(pk=mission.pk).status == Mission.Status.DRAFT

    client.force_login(editor)
    revision_url = reverse(
        "admin:missions_mission_revision", args=[mission.pk, published_version.pk]
    )
    response = client.post(revision_url, existing_mission_post(mission), follow=True)
    assert "only publishers may restore it" in response.text
    assert Mission.objects.get(pk=mission.pk).status == Mission.Status.DRAFT
