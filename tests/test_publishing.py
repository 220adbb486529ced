"""One publication policy: no route restores, imports or edits its way around it.

Issue 10: a revert or recover writes its whole revision, so an editor could publish a mission
through a part's history, through a version of another model, or through recover. Each route
is tried as an editor (refused, status unchanged) and as a publisher (done, stamped with the
publisher who did it). Then the rule is changed in its one function and every route follows.
"""

import datetime
from io import StringIO

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from missions import publishing, services
from missions.models import Document, MeetingCounterpart, Mission

from .admin_forms import existing_mission_post, posted_as_shown
from .conftest import staff_in_group
from .documents_helpers import SEED, SEED_PATH

REFUSED = "only publishers may restore it"
LONG_AGO = timezone.make_aware(datetime.datetime(2017, 7, 1, 12, 0))
PARTS = ("delegation", "delegationmember", "meeting", "meetingcounterpart", "visit", "document")


@pytest.fixture
def first_publisher(django_user_model):
    return staff_in_group(django_user_model, "pia", "Publishers")


@pytest.fixture
def parts(mission, delegation, member, meeting, visit, person):
    counterpart = MeetingCounterpart.objects.create(meeting=meeting, person=person, position="CEC")
    document = Document.objects.create(
        mission=mission, kind="statement", date=mission.ends, title="Preliminary statement"
    )
    return {
        "delegation": delegation,
        "delegationmember": member,
        "meeting": meeting,
        "meetingcounterpart": counterpart,
        "visit": visit,
        "document": document,
    }


@pytest.fixture
def published_long_ago(mission, first_publisher):
    """The mission as first published by someone else, recorded in its history."""
    Mission.objects.filter(pk=mission.pk).update(
        published_at=LONG_AGO, published_by=first_publisher
    )
    mission.refresh_from_db()
    return mission


def record(mission):
    """One revision of the whole mission as it stands; returns the revision."""
    with reversion.create_revision():
        mission.save()
    return Version.objects.get_for_object(mission).first().revision


def version_of(revision, obj):
    return revision.version_set.get(
        content_type__model=type(obj)._meta.model_name, object_id=str(obj.pk)
    )


def unpublish(mission, publisher):
    services.mission_unpublish(mission=Mission.objects.get(pk=mission.pk), user=publisher)


def current(mission):
    return Mission.objects.get(pk=mission.pk)


def form_as_shown(client, publisher, url):
    """What the restore form shows (looked at by a publisher, which writes nothing)."""
    client.force_login(publisher)
    response = client.get(url)
    assert response.status_code == 200
    return posted_as_shown(response)


def assert_stamped_by(mission, publisher):
    mission = current(mission)
    assert mission.status == Mission.Status.PUBLISHED
    assert mission.published_by == publisher
    assert mission.published_at > LONG_AGO


def deleted_then_unpublished(mission, part, publisher):
    """Record the published mission, delete `part`, unpublish; return the part's recover URL."""
    version = version_of(record(mission), part)
    type(part).objects.filter(pk=part.pk).delete()
    unpublish(mission, publisher)
    return reverse(f"admin:missions_{type(part)._meta.model_name}_recover", args=[version.pk])


# Reverting a part restores its whole revision, the mission's status included.


@pytest.mark.parametrize("part", PARTS)
def test_editor_cannot_publish_by_reverting_a_part(
    client, editor, publisher, published_long_ago, parts, part
):
    revision = record(published_long_ago)
    unpublish(published_long_ago, publisher)
    obj = parts[part]
    url = reverse(f"admin:missions_{part}_revision", args=[obj.pk, version_of(revision, obj).pk])
    data = form_as_shown(client, publisher, url)
    client.force_login(editor)
    response = client.post(url, data, follow=True)
    assert REFUSED in response.text
    assert current(published_long_ago).status == Mission.Status.DRAFT


@pytest.mark.parametrize("part", PARTS)
def test_publisher_publishes_by_reverting_a_part_and_is_named(
    client, publisher, published_long_ago, parts, part
):
    revision = record(published_long_ago)
    unpublish(published_long_ago, publisher)
    obj = parts[part]
    url = reverse(f"admin:missions_{part}_revision", args=[obj.pk, version_of(revision, obj).pk])
    response = client.post(url, form_as_shown(client, publisher, url))
    assert response.status_code == 302
    assert_stamped_by(published_long_ago, publisher)


@pytest.mark.parametrize("part", PARTS)
def test_editor_cannot_publish_by_recovering_a_part(
    client, editor, publisher, published_long_ago, parts, part
):
    obj = parts[part]
    url = deleted_then_unpublished(published_long_ago, obj, publisher)
    data = form_as_shown(client, publisher, url)
    client.force_login(editor)
    response = client.post(url, data, follow=True)
    assert REFUSED in response.text
    assert current(published_long_ago).status == Mission.Status.DRAFT
    assert not type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("part", PARTS)
def test_publisher_publishes_by_recovering_a_part_and_is_named(
    client, publisher, published_long_ago, parts, part
):
    obj = parts[part]
    url = deleted_then_unpublished(published_long_ago, obj, publisher)
    response = client.post(url, form_as_shown(client, publisher, url))
    assert response.status_code == 302
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert_stamped_by(published_long_ago, publisher)


def test_editor_cannot_move_a_drafts_part_into_a_published_mission(
    client, editor, publisher, mission, delegation
):
    revision = record(mission)
    draft = Mission.objects.create(
        slug="draft-mission",
        title="A draft",
        election=mission.election,
        observer_body=mission.observer_body,
        starts=mission.starts,
        ends=mission.ends,
    )
    type(delegation).objects.filter(pk=delegation.pk).update(mission=draft)
    url = reverse(
        "admin:missions_delegation_revision",
        args=[delegation.pk, version_of(revision, delegation).pk],
    )
    data = form_as_shown(client, publisher, url)
    client.force_login(editor)
    assert REFUSED in client.post(url, data, follow=True).text
    assert type(delegation).objects.get(pk=delegation.pk).mission == draft
    client.force_login(publisher)
    assert client.post(url, data).status_code == 302
    assert type(delegation).objects.get(pk=delegation.pk).mission == mission


# The mission's own history takes the mission's versions only.


def test_mission_history_refuses_another_models_version(client, editor, publisher, mission):
    document = Document.objects.create(
        pk=mission.pk, mission=mission, kind="statement", date=mission.ends, title="Statement"
    )
    revision = record(mission)
    unpublish(mission, publisher)
    url = reverse(
        "admin:missions_mission_revision", args=[mission.pk, version_of(revision, document).pk]
    )
    for user in (editor, publisher):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert (
            client.post(url, existing_mission_post(mission, status="published")).status_code == 404
        )
    assert current(mission).status == Mission.Status.DRAFT


def test_mission_recover_refuses_another_models_version(client, editor, publisher, delegation):
    mission = delegation.mission
    revision = record(mission)
    unpublish(mission, publisher)
    url = reverse("admin:missions_mission_recover", args=[version_of(revision, delegation).pk])
    for user in (editor, publisher):
        client.force_login(user)
        response = client.post(url, {"csrfmiddlewaretoken": "x"})
        assert response.status_code == 404
    assert current(mission).status == Mission.Status.DRAFT


def test_publisher_reverting_the_mission_is_named_as_its_publisher(
    client, publisher, published_long_ago
):
    revision = record(published_long_ago)
    unpublish(published_long_ago, publisher)
    url = reverse(
        "admin:missions_mission_revision",
        args=[published_long_ago.pk, version_of(revision, published_long_ago).pk],
    )
    assert client.post(url, form_as_shown(client, publisher, url)).status_code == 302
    assert_stamped_by(published_long_ago, publisher)


def test_editor_revert_that_keeps_the_status_keeps_the_stamp(
    client, editor, publisher, published_long_ago
):
    revision = record(published_long_ago)
    services.mission_unpublish(mission=current(published_long_ago), user=publisher)
    services.mission_publish(mission=current(published_long_ago), user=publisher)
    stamp = (current(published_long_ago).published_at, publisher)
    url = reverse(
        "admin:missions_mission_revision",
        args=[published_long_ago.pk, version_of(revision, published_long_ago).pk],
    )
    data = form_as_shown(client, publisher, url)
    client.force_login(editor)
    assert client.post(url, data).status_code == 302
    mission = current(published_long_ago)
    assert mission.is_published
    assert (mission.published_at, mission.published_by) == stamp


def test_editor_cannot_recover_a_published_mission(client, editor, publisher, published_long_ago):
    revision = record(published_long_ago)
    version = version_of(revision, published_long_ago)
    Mission.objects.filter(pk=published_long_ago.pk).delete()
    url = reverse("admin:missions_mission_recover", args=[version.pk])
    data = form_as_shown(client, publisher, url)
    client.force_login(editor)
    assert REFUSED in client.post(url, data, follow=True).text
    assert not Mission.objects.filter(pk=published_long_ago.pk).exists()
    client.force_login(publisher)
    assert client.post(url, data).status_code == 302
    assert_stamped_by(published_long_ago, publisher)


# Preview (issue 16): by permission, and no redirect that names the admin's address.


def test_staff_without_the_view_permission_cannot_preview(client, django_user_model, mission):
    Mission.objects.filter(pk=mission.pk).update(status=Mission.Status.DRAFT)
    staff = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(staff)
    url = reverse("missions:mission_preview", args=[mission.slug])
    download = reverse("admin:missions_mission_document", args=[mission.pk])
    assert client.get(download).status_code == 403
    response = client.get(url)
    assert response.status_code == 403
    assert mission.title not in response.text
    staff.user_permissions.add(Permission.objects.get(codename="view_mission"))
    assert mission.title in client.get(url).text


def test_anonymous_preview_is_not_found_and_names_no_admin_address(client, mission, settings):
    Mission.objects.filter(pk=mission.pk).update(status=Mission.Status.DRAFT)
    response = client.get(reverse("missions:mission_preview", args=[mission.slug]))
    assert response.status_code == 404
    assert "Location" not in response
    assert mission.title not in response.text


def test_preview_is_never_cached(client, editor, mission):
    client.force_login(editor)
    response = client.get(reverse("missions:mission_preview", args=[mission.slug]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# Writes record their own history.


def test_services_record_their_own_revision(publisher, mission):
    services.mission_unpublish(mission=mission, user=publisher)
    services.mission_publish(mission=current(mission), user=publisher)
    versions = Version.objects.get_for_object(mission)
    assert [v.revision.get_comment() for v in versions] == ["Published.", "Unpublished."]
    assert {v.revision.user for v in versions} == {publisher}
    assert versions.first().field_dict["published_by_id"] == publisher.pk


# The rule lives in one function: change it there and every route follows. Each route is
# prepared as a publisher, then tried under the rule as it is (it publishes) and under a rule
# that refuses everyone (it does not).


def refuse_everyone(user, before, after):
    return not publishing.changes_publication(before, after)


def by_status_field(client, user, mission, revision):
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    return lambda: client.post(url, existing_mission_post(mission, status="published"))


def by_action(client, user, mission, revision):
    data = {"action": "publish", "_selected_action": [str(mission.pk)]}
    return lambda: client.post(reverse("admin:missions_mission_changelist"), data)


def by_service(client, user, mission, revision):
    def attempt():
        try:
            services.mission_publish(mission=mission, user=user)
        except PermissionDenied:
            pass

    return attempt


def by_mission_revert(client, user, mission, revision):
    url = reverse(
        "admin:missions_mission_revision", args=[mission.pk, version_of(revision, mission).pk]
    )
    data = posted_as_shown(client.get(url))
    return lambda: client.post(url, data)


def by_part_revert(client, user, mission, revision):
    delegation = mission.delegations.get()
    version = version_of(revision, delegation)
    url = reverse("admin:missions_delegation_revision", args=[delegation.pk, version.pk])
    data = posted_as_shown(client.get(url))
    return lambda: client.post(url, data)


def by_mission_recover(client, user, mission, revision):
    url = reverse("admin:missions_mission_recover", args=[version_of(revision, mission).pk])
    Mission.objects.filter(pk=mission.pk).delete()
    data = posted_as_shown(client.get(url))
    return lambda: client.post(url, data)


def by_part_recover(client, user, mission, revision):
    delegation = mission.delegations.get()
    url = reverse("admin:missions_delegation_recover", args=[version_of(revision, delegation).pk])
    delegation.delete()
    data = posted_as_shown(client.get(url))
    return lambda: client.post(url, data)


def by_upload(client, user, mission, revision):
    url = reverse("admin:missions_mission_import_document")

    def attempt():
        file = SimpleUploadedFile("kz.yaml", SEED.encode(), content_type="application/yaml")
        confirm = client.post(url, {"document": file}).context.get("confirm_form")
        if confirm:
            client.post(url, {**confirm.initial, "confirm": "1"})

    return attempt


def by_command(client, user, mission, revision):
    def attempt():
        try:
            call_command("import_missions", str(SEED_PATH), user=user.username, stdout=StringIO())
        except CommandError:
            pass

    return attempt


ROUTES = (
    by_status_field,
    by_action,
    by_service,
    by_mission_revert,
    by_part_revert,
    by_mission_recover,
    by_part_recover,
    by_upload,
    by_command,
)


@pytest.mark.parametrize("refused", [False, True], ids=["rule as it is", "rule refuses all"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.__name__)
def test_every_route_asks_the_one_rule(client, publisher, delegation, monkeypatch, route, refused):
    mission = delegation.mission
    revision = record(mission)
    unpublish(mission, publisher)
    client.force_login(publisher)
    attempt = route(client, publisher, current(mission), revision)
    if refused:
        monkeypatch.setattr(publishing, "may_change_status", refuse_everyone)
    attempt()
    status = Mission.objects.filter(slug=mission.slug).values_list("status", flat=True).first()
    assert (status == Mission.Status.PUBLISHED) is not refused
