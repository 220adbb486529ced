"""The stored public flags are exact after every write path: a person only a draft names is on
no public page, and one a newly published mission names is on them at once."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from missions import publishing
from missions.models import (
    Country,
    DelegationMember,
    Election,
    Meeting,
    Mission,
    Organization,
    Person,
)
from missions.public_flags import FLAGGED, batched_flags
from missions.visibility import public_people

from .admin_forms import existing_mission_post
from .documents_helpers import SEED, empty_database, import_text

pytestmark = pytest.mark.django_db

PUBLISHED, DRAFT = Mission.Status.PUBLISHED, Mission.Status.DRAFT
SEED_PERSON = "ilyas-umakhanov"  # a member of the seed's delegation, in no other document


def assert_flags_exact():
    """Every flag says what its definition says, for every row of every flagged model."""
    for model, named in FLAGGED:
        flagged = set(model.objects.filter(is_public=True).values_list("pk", flat=True))
        assert flagged == set(named().values_list("pk", flat=True)), model.__name__


def is_listed(client, slug):
    """Whether the person's page is found and the people index names them."""
    page = client.get(f"/en/people/{slug}/")
    assert page.status_code in (200, 404)
    index = client.get("/en/people/", {"q": Person.objects.get(slug=slug).name})
    return page.status_code == 200 and f"/en/people/{slug}/" in index.text


def test_plain_saves_keep_the_flags_exact(client, member):
    mission = member.delegation.mission
    assert is_listed(client, member.person.slug)
    mission.status = DRAFT
    mission.save()
    assert_flags_exact()
    assert not is_listed(client, member.person.slug)
    mission.status = PUBLISHED
    mission.save()
    assert is_listed(client, member.person.slug)
    member.delete()
    assert_flags_exact()
    assert not is_listed(client, member.person.slug)


def test_publish_and_unpublish(client, member, publisher):
    mission = member.delegation.mission
    publishing.mission_unpublish(mission=mission, user=publisher)
    assert_flags_exact()
    assert not is_listed(client, member.person.slug)
    assert not Country.objects.get(code="RU").is_public  # it only sent that delegation
    publishing.mission_publish(mission=mission, user=publisher)
    assert_flags_exact()
    assert is_listed(client, member.person.slug)
    assert Country.objects.get(code="RU").is_public


def test_import_of_a_draft_then_of_its_publication(client):
    import_text(SEED.replace("status: published", "status: draft", 1))
    assert_flags_exact()
    assert not is_listed(client, SEED_PERSON)
    assert not Organization.objects.filter(is_public=True).exists()
    assert not Election.objects.filter(is_public=True).exists()
    import_text(SEED)
    assert_flags_exact()
    assert is_listed(client, SEED_PERSON)
    assert Election.objects.get(slug="kz-senate-2017").is_public


def test_admin_action_and_delete(client, publisher, member):
    client.force_login(publisher)
    mission = member.delegation.mission
    changelist = reverse("admin:missions_mission_changelist")
    client.post(changelist, {"action": "unpublish", "_selected_action": [str(mission.pk)]})
    assert Mission.objects.get(pk=mission.pk).status == DRAFT
    assert_flags_exact()
    client.logout()
    assert not is_listed(client, member.person.slug)

    client.force_login(publisher)
    client.post(changelist, {"action": "publish", "_selected_action": [str(mission.pk)]})
    client.logout()
    assert is_listed(client, member.person.slug)

    client.force_login(publisher)
    delete = reverse("admin:missions_delegationmember_delete", args=[member.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    client.logout()
    assert_flags_exact()
    assert not is_listed(client, member.person.slug)


def flag_updates_of_a_save(admin_client, mission, status):
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(url, existing_mission_post(mission, status=status))
    assert response.status_code == 302
    assert_flags_exact()
    return sum("SET is_public" in query["sql"] for query in queries)


def test_an_admin_save_recomputes_the_flags_as_often_with_many_rows(admin_client, member):
    mission = member.delegation.mission
    few = flag_updates_of_a_save(admin_client, mission, "draft")
    assert not Person.objects.get(pk=member.person_id).is_public
    for number in range(6):
        Meeting.objects.create(mission=mission, date=mission.starts, place=f"Hall {number}")
    many = flag_updates_of_a_save(admin_client, mission, "published")
    assert Person.objects.get(pk=member.person_id).is_public
    # Once at the end of the request, and once where the search index reads the flags.
    assert few == many <= 2 * len(FLAGGED)


def test_history_revert_brings_a_removed_member_back(admin_client, client, member):
    mission = member.delegation.mission
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    as_it_was = existing_mission_post(mission)
    assert admin_client.post(url, as_it_was).status_code == 302
    first = Version.objects.get_for_object(mission).get()
    delete = reverse("admin:missions_delegationmember_delete", args=[member.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not is_listed(client, member.person.slug)

    revision = reverse("admin:missions_mission_revision", args=[mission.pk, first.pk])
    assert admin_client.post(revision, as_it_was).status_code == 302
    assert DelegationMember.objects.filter(pk=member.pk).exists()
    assert_flags_exact()
    assert is_listed(client, member.person.slug)


def test_synthetic_archive(client):
    call_command("seed_synthetic", missions=12, seed=3, stdout=io.StringIO(), verbosity=0)
    assert_flags_exact()
    drafts = Mission.objects.exclude(status=PUBLISHED)
    assert drafts.exists()
    only_drafts = (
        Person.objects.filter(memberships__delegation__mission__in=drafts)
        .exclude(memberships__delegation__mission__status=PUBLISHED)
        .first()
    )
    assert only_drafts is not None and not is_listed(client, only_drafts.slug)
    named = Person.objects.filter(memberships__delegation__mission__status=PUBLISHED)
    assert is_listed(client, named.first().slug)
    call_command(
        "seed_synthetic", missions=2, seed=4, replace=True, stdout=io.StringIO(), verbosity=0
    )
    assert_flags_exact()


def test_restore_recomputes_what_the_archive_says(tmp_path, client):
    import_text(SEED.replace("status: published", "status: draft", 1))
    Person.objects.update(is_public=True)  # a wrong flag in the archive must not survive
    call_command("backup_site", out=str(tmp_path), stdout=io.StringIO())
    (archive,) = tmp_path.glob("observers-*.tar.gz")
    empty_database()
    call_command("restore_site", str(archive), stdout=io.StringIO())
    assert_flags_exact()
    assert not is_listed(client, SEED_PERSON)


def test_migrate_recomputes_the_flags(member):
    Person.objects.update(is_public=False)  # as a data migration would leave them
    call_command("migrate", verbosity=0)
    assert_flags_exact()
    assert Person.objects.get(pk=member.person_id).is_public


def test_a_batch_recomputes_when_it_ends_and_a_read_inside_it_is_exact(member):
    mission = member.delegation.mission
    with batched_flags():
        mission.status = DRAFT
        mission.save()
        assert Person.objects.get(pk=member.person_id).is_public  # not yet recomputed
        assert not public_people().filter(pk=member.person_id).exists()
        mission.status = PUBLISHED
        mission.save()
    assert_flags_exact()
    assert Person.objects.get(pk=member.person_id).is_public
