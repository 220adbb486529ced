"""The stored public flags are exact after every write path: a person only a draft names is on
no public page, and one a newly published mission names is on them at once."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from missions import publishing
from missions.cache import published_data_changed
from missions.models import (
    Country,
    DelegationMember,
    Election,
    Meeting,
    MeetingCounterpart,
    Mission,
    Organization,
    Person,
)
from missions.public_flags import FLAGGED, batched_flags
from missions.visibility import country_counts, public_people

from . import factories
from .admin_forms import existing_mission_post
from .documents_helpers import SEED, empty_database, import_text

pytestmark = pytest.mark.django_db

PUBLISHED, DRAFT = Mission.Status.PUBLISHED, Mission.Status.DRAFT
SEED_PERSON = "ilyas-umakhanov"  # a member of the seed's delegation, in no other document


def assert_flags_exact():
    """Every flag says what its definition says, for every row of every flagged model, and
    so does every country's stored counts."""
    for model, named in FLAGGED:
        flagged = set(model.objects.filter(is_public=True).values_list("pk", flat=True))
        assert flagged == set(named().values_list("pk", flat=True)), model.__name__
    assert stored_counts() == counted_now()


def stored_counts():
    return {pk: counts for pk, *counts in Country.objects.values_list("pk", "hosted", "sent")}


def counted_now():
    counted = {f"now_{name}": count for name, count in country_counts().items()}
    rows = Country.objects.annotate(**counted).values_list("pk", "now_hosted", "now_sent")
    return {pk: counts for pk, *counts in rows}


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


# Each write recomputes only what it reaches, and the flags stay exact ------------------------


@pytest.fixture
def two_missions(db):
    """A published and a draft mission, each with a bit of everything, the published one's
    observing body three levels under a chain of parents, the draft's in another country."""
    top = factories.organization()
    middle = factories.organization(parent=top, country=factories.country("BY"))
    body = factories.organization(parent=middle)
    published = factories.full_mission(observer_body=factories.organization(parent=body))
    draft = factories.full_mission(
        status=DRAFT, election=factories.election(country=factories.country("UZ"))
    )
    only_here = factories.person(country=factories.country("KG"))  # named by nothing else
    DelegationMember.objects.create(delegation=published.delegations.first(), person=only_here)
    published.visits.first().observers.add(factories.person())  # an observer, nothing else
    return published, draft


def whole_table_recomputes(queries):
    return sum("NOT is_public WHERE is_public <>" in query["sql"] for query in queries)


def move_member(published, draft):
    member = DelegationMember.objects.get(person__country__code="KG")
    member.delegation = draft.delegations.first()
    member.save()


def change_election_country(published, draft):
    published.election.country = factories.country("AM")
    published.election.save()


def move_delegation(published, draft):
    delegation = published.delegations.get(order=2)  # its organization is named nowhere else
    delegation.mission = draft
    delegation.save()


def move_organization(published, draft):
    published.observer_body.parent = None
    published.observer_body.save()


def move_person_abroad(published, draft):
    person = published.coordinator
    person.country = factories.country("GE")
    person.save()


def move_region(published, draft):
    region = published.visits.first().region
    region.country = factories.country("TJ")
    region.save()


def remove_observers(published, draft):
    published.visits.first().observers.clear()


def add_observer_from_the_draft(published, draft):
    observer = Person.objects.filter(visits__mission=draft).first()
    observer.visits.add(published.visits.first())


def co_issue_with_the_draft_body(published, draft):
    published.documents.first().co_issuers.add(draft.observer_body)


def also_observe_the_draft_election(published, draft):
    published.also_observed.add(draft.election)
    published.also_observed.remove(draft.election)
    published.also_observed.add(draft.election)


def swap_meeting_host(published, draft):
    meeting = published.meetings.exclude(host=None).get()
    meeting.host, meeting.led_by = draft.observer_body, None
    meeting.save()


def delete_the_published_mission(published, draft):
    published.delete()


def delete_a_counterpart(published, draft):
    MeetingCounterpart.objects.filter(meeting__mission=published).delete()


def publish_the_draft(published, draft):
    draft.status = PUBLISHED
    draft.save()


def unpublish(published, draft):
    published.status = DRAFT
    published.save()


WRITES = [
    move_member,
    change_election_country,
    move_delegation,
    move_organization,
    move_person_abroad,
    move_region,
    remove_observers,
    add_observer_from_the_draft,
    co_issue_with_the_draft_body,
    also_observe_the_draft_election,
    swap_meeting_host,
    delete_the_published_mission,
    delete_a_counterpart,
    publish_the_draft,
    unpublish,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__ for write in WRITES])
@pytest.mark.parametrize("batched", [False, True], ids=["autocommit", "batched"])
def test_a_write_recomputes_only_what_it_reaches_and_stays_exact(two_missions, write, batched):
    assert_flags_exact()
    published, draft = two_missions
    before = {model: set(model.objects.filter(is_public=True)) for model, _ in FLAGGED}
    with CaptureQueriesContext(connection) as queries:
        if batched:
            with transaction.atomic(), batched_flags():
                write(published, draft)
        else:
            write(published, draft)
    assert whole_table_recomputes(queries) == 0
    assert_flags_exact()
    after = {model: set(model.objects.filter(is_public=True)) for model, _ in FLAGGED}
    assert before != after, "the write changes some flag, so the test can fail"


# Writes that change what some country counts (missions hosted, missions sent observers to)
COUNTING_WRITES = [
    change_election_country,
    delete_the_published_mission,
    publish_the_draft,
    unpublish,
]


@pytest.mark.parametrize(
    "write", COUNTING_WRITES, ids=[write.__name__ for write in COUNTING_WRITES]
)
@pytest.mark.parametrize("batched", [False, True], ids=["autocommit", "batched"])
def test_a_write_keeps_the_countries_stored_counts_exact(client, two_missions, write, batched):
    published, draft = two_missions
    before = stored_counts()
    assert before == counted_now()
    if batched:
        with transaction.atomic(), batched_flags():
            write(published, draft)
    else:
        write(published, draft)
    assert stored_counts() == counted_now()
    assert stored_counts() != before, "the write changes some count, so the test can fail"
    index = client.get("/en/countries/").text
    for country in Country.objects.filter(is_public=True).exclude(hosted=0, sent=0):
        row = index.split(f'href="{country.get_absolute_url()}"', 1)[1].split("</tr>", 1)[0]
        assert re.findall(r"<td>(?:<a [^>]+>)?(\d+)", row) == [
            str(country.hosted),
            str(country.sent),
        ]


def test_a_bulk_update_that_says_so_recomputes_whole_tables(two_missions):
    published, draft = two_missions
    with CaptureQueriesContext(connection) as queries:
        Mission.objects.update(status=PUBLISHED)
        published_data_changed()
    assert whole_table_recomputes(queries) == len(FLAGGED)
    assert_flags_exact()


def test_an_admin_save_of_a_mission_probes_its_rows_only(admin_client, two_missions):
    published, draft = two_missions
    with CaptureQueriesContext(connection) as queries:
        assert flag_updates_of_a_save(admin_client, draft, "published") > 0
    assert whole_table_recomputes(queries) == 0
    assert Person.objects.get(pk=draft.coordinator_id).is_public


def test_the_management_command_recomputes_every_flag(two_missions):
    Person.objects.update(is_public=True)  # wrong, and said to no one
    call_command("refresh_public_flags", stdout=io.StringIO())
    assert_flags_exact()
