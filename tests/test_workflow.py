"""Roles and the publishing workflow: editors cannot publish by any route; publishers can."""

import pytest
from django.urls import reverse

from missions import services
from missions.models import Mission

from .admin_forms import existing_mission_post

CHANGELIST = "admin:missions_mission_changelist"


@pytest.fixture
def draft(mission):
    mission.status = Mission.Status.DRAFT
    mission.save()
    return mission


@pytest.fixture
def in_review(mission):
    mission.status = Mission.Status.REVIEW
    mission.save()
    return mission


def run_action(client, action, mission):
    return client.post(
        reverse(CHANGELIST), {"action": action, "_selected_action": [str(mission.pk)]}, follow=True
    )


def test_editor_sends_a_draft_for_review(client, editor, draft):
    client.force_login(editor)
    response = run_action(client, "send_for_review", draft)
    assert "1 mission sent for review." in response.text
    draft.refresh_from_db()
    assert draft.status == Mission.Status.REVIEW
    assert draft.updated_by == editor


def test_editor_is_not_offered_publishing_actions(client, editor, in_review):
    client.force_login(editor)
    page = client.get(reverse(CHANGELIST)).text
    assert 'value="send_for_review"' in page
    assert 'value="publish"' not in page
    assert 'value="unpublish"' not in page


def test_editor_cannot_publish_with_the_action(client, editor, in_review):
    client.force_login(editor)
    run_action(client, "publish", in_review)
    in_review.refresh_from_db()
    assert in_review.status == Mission.Status.REVIEW
    assert in_review.published_at is None


def test_editor_cannot_publish_with_the_status_field(client, editor, in_review):
    client.force_login(editor)
    url = reverse("admin:missions_mission_change", args=[in_review.pk])
    response = client.post(url, existing_mission_post(in_review, status="published"))
    assert response.context["adminform"].form.errors["status"] == [
        "Only publishers may publish or unpublish a mission; send it for review instead."
    ]
    in_review.refresh_from_db()
    assert in_review.status == Mission.Status.REVIEW


def test_editor_cannot_unpublish_with_the_status_field(client, editor, mission):
    client.force_login(editor)
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    response = client.post(url, existing_mission_post(mission, status="draft"))
    assert "status" in response.context["adminform"].form.errors
    mission.refresh_from_db()
    assert mission.is_published


def test_editor_can_edit_a_published_mission_without_unpublishing_it(client, editor, mission):
    client.force_login(editor)
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    response = client.post(url, existing_mission_post(mission, title_en="Corrected title"))
    assert response.status_code == 302
    mission.refresh_from_db()
    assert (mission.title, mission.status) == ("Corrected title", Mission.Status.PUBLISHED)


def test_editor_cannot_delete_a_published_mission(client, editor, mission):
    client.force_login(editor)
    url = reverse("admin:missions_mission_delete", args=[mission.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Mission.objects.filter(pk=mission.pk).exists()


def test_publisher_publishes_with_the_action(client, publisher, in_review):
    client.force_login(publisher)
    response = run_action(client, "publish", in_review)
    assert "1 mission published." in response.text
    in_review.refresh_from_db()
    assert in_review.status == Mission.Status.PUBLISHED
    assert in_review.published_by == publisher
    assert in_review.published_at is not None


def test_publisher_publishes_with_the_status_field(client, publisher, in_review):
    client.force_login(publisher)
    url = reverse("admin:missions_mission_change", args=[in_review.pk])
    response = client.post(url, existing_mission_post(in_review, status="published"))
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == Mission.Status.PUBLISHED
    assert in_review.published_by == publisher


def test_publisher_unpublishes_with_the_action(client, publisher, mission):
    client.force_login(publisher)
    run_action(client, "unpublish", mission)
    mission.refresh_from_db()
    assert mission.status == Mission.Status.DRAFT
    assert mission.published_at is None


def test_service_refuses_an_editor(editor, in_review):
    with pytest.raises(services.PublishingNotAllowed):
        services.mission_publish(mission=in_review, user=editor)
    in_review.refresh_from_db()
    assert in_review.status == Mission.Status.REVIEW


def test_review_goes_back_to_draft(editor, in_review):
    services.mission_return_to_draft(mission=in_review, user=editor)
    assert Mission.objects.get(pk=in_review.pk).status == Mission.Status.DRAFT


def test_only_drafts_go_to_review(editor, mission):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.mission_send_for_review(mission=mission, user=editor)
    assert error.value.message_dict["status"] == [
        "Only a draft can be sent for review; this mission is published."
    ]


def test_save_as_new_starts_a_draft_copy(client, publisher, mission, delegation, meeting):
    client.force_login(publisher)
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    data = existing_mission_post(mission, slug="next-mission", _saveasnew="1")
    response = client.post(url, data)
    assert response.status_code == 302
    copy = Mission.objects.get(slug="next-mission")
    assert copy.status == Mission.Status.DRAFT
    assert copy.published_at is None
    assert [str(d) for d in copy.delegations.all()] == ["Russian Federation"]
    assert copy.meetings.count() == 1
    assert mission.meetings.count() == 1


def test_status_filter(client, editor, draft):
    client.force_login(editor)
    assert draft.title in client.get(reverse(CHANGELIST), {"status__exact": "draft"}).text
    assert draft.title not in client.get(reverse(CHANGELIST), {"status__exact": "review"}).text


def test_dashboard_lists_missions_by_state(client, editor, in_review):
    client.force_login(editor)
    page = client.get(reverse("admin:index")).text
    review_section = page.split('id="dashboard-review"')[1].split('id="dashboard-published"')[0]
    assert in_review.title in review_section
    assert "No drafts." in page
    assert "Nothing published yet." in page


def test_draft_links_to_its_preview(client, editor, draft):
    client.force_login(editor)
    page = client.get(reverse("admin:missions_mission_change", args=[draft.pk])).text
    preview = reverse("missions:mission_preview", args=[draft.slug])
    assert f'href="{preview}"' in page
    assert "Preview on site" in page
    assert draft.title in client.get(preview).text
