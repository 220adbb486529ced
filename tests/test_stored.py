"""The stored values the public pages read (missions.stored) are exact after every write path:
each recommendation's latest published status, each mission's named observers and stations."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from reversion.models import Version

from missions import stored
from missions.cache import published_data_changed
from missions.models import (
    Assessment,
    Country,
    Delegation,
    DelegationMember,
    Document,
    Mission,
    Recommendation,
    Region,
)
from missions.public_flags import batched_flags
from missions.visibility import public_delegations, public_missions

from . import factories
from .admin_forms import existing_mission_post
from .public_data import tmp_media  # noqa: F401
from .test_documents_mission2 import EXAMPLE, import_paths

pytestmark = pytest.mark.django_db

PUBLISHED, DRAFT = Mission.Status.PUBLISHED, Mission.Status.DRAFT


def newest_published_status(recommendation):
    """The latest status as the follow-up defines it, worked out in Python row by row."""
    published = [
        assessment
        for assessment in recommendation.assessments.select_related("document__mission")
        if assessment.document.mission.status == PUBLISHED
    ]
    if not published:
        return ""
    newest = max(
        published,
        key=lambda a: (a.document.date, a.document.mission.starts, a.pk),
    )
    return newest.status


def named_counts(mission):
    """(people on the mission's delegations, its visits' polling stations), in Python."""
    people = {
        member.person_id
        for delegation in mission.delegations.all()
        for member in delegation.members.all()
    }
    stations = sum(visit.stations_visited or 0 for visit in mission.visits.all())
    return len(people), stations


def region_visits():
    """Each region's visits of published missions, in Python."""
    return {
        region.pk: sum(visit.mission.status == PUBLISHED for visit in region.visits.all())
        for region in Region.objects.prefetch_related("visits__mission")
    }


def stored_values():
    return {
        "regions": dict(Region.objects.values_list("pk", "published_visits")),
        "statuses": dict(Recommendation.objects.values_list("pk", "latest_public_status")),
        "counts": {
            pk: (people, stations)
            for pk, people, stations in Mission.objects.values_list(
                "pk", "named_observers", "named_stations"
            )
        },
    }


def assert_stored_exact():
    """Every stored value says what its definition says, for every row."""
    values = stored_values()
    assert values["statuses"] == {
        r.pk: newest_published_status(r) for r in Recommendation.objects.all()
    }
    assert values["counts"] == {m.pk: named_counts(m) for m in Mission.objects.all()}
    assert values["regions"] == region_visits()
    return values


def later_mission(earlier, years, **fields):
    election = factories.election(
        country=earlier.election.country,
        voting_day=earlier.election.voting_day + datetime.timedelta(days=365 * years),
    )
    return factories.full_mission(election=election, **fields)


def assess(mission, recommendation, status):
    document = mission.documents.first() or factories.document(mission)
    return Assessment.objects.create(
        document=document, recommendation=recommendation, status=status
    )


@pytest.fixture
def followed(db):
    """A 2020 report's two recommendations, assessed by missions of 2022 and 2024 and by a
    draft of 2025; each mission with delegations and visits."""
    first = factories.full_mission()
    report = first.documents.first() or factories.document(first)
    legal = factories.recommendation(report, 1)
    media = factories.recommendation(report, 2)
    second, third = later_mission(first, 2), later_mission(first, 4)
    draft = later_mission(first, 5, status=DRAFT)
    assess(second, legal, "not-implemented")
    assess(third, legal, "partially")
    assess(draft, media, "fully")
    return {"first": first, "second": second, "third": third, "draft": draft, "legal": legal}


# Writes: each changes some stored value -------------------------------------------------------


def assess_again(w):
    fourth = later_mission(w["first"], 6)
    assess(fourth, w["legal"], "mostly")


def change_a_status(w):
    assessment = Assessment.objects.get(document__mission=w["third"])
    assessment.status = "fully"
    assessment.save()


def delete_the_newest_assessment(w):
    Assessment.objects.get(document__mission=w["third"]).delete()


def move_an_assessment(w):
    assessment = Assessment.objects.get(document__mission=w["third"])
    assessment.recommendation = Recommendation.objects.get(number=2)
    assessment.save()


def publish_the_draft(w):
    w["draft"].status = PUBLISHED
    w["draft"].save()


def unpublish_the_newest(w):
    w["third"].status = DRAFT
    w["third"].save()


def redate_a_report(w):
    report = Document.objects.get(assessments__document__mission=w["second"])
    report.date = datetime.date(2030, 1, 1)  # after 2024's: its status is the latest now
    report.save()


def delete_the_assessing_mission(w):
    Mission.objects.get(pk=w["third"].pk).delete()


def delete_the_assessing_report(w):
    Document.objects.filter(assessments__document__mission=w["third"]).delete()


def add_a_member(w):
    delegation = w["first"].delegations.first()
    DelegationMember.objects.create(delegation=delegation, person=factories.person())


def remove_a_member(w):
    DelegationMember.objects.filter(delegation__mission=w["first"]).first().delete()


def name_a_member_twice(w):
    """A member made the same person as another member of the mission: one person fewer."""
    first, second = DelegationMember.objects.filter(delegation__mission=w["first"])[:2]
    second.person = first.person
    second.save()


def delete_a_delegation(w):
    Delegation.objects.filter(mission=w["first"]).first().delete()


def move_a_delegation(w):
    delegation = w["first"].delegations.first()
    delegation.mission = w["second"]
    delegation.country = factories.country("AM")  # one delegation per country and mission
    delegation.save()


def change_the_stations(w):
    visit = w["first"].visits.first()
    visit.stations_visited = 40
    visit.save()


def delete_a_visit(w):
    w["first"].visits.first().delete()


def move_a_visit(w):
    visit = w["first"].visits.first()
    visit.mission = w["second"]
    visit.save()


def move_a_visit_to_another_region(w):
    visit = w["first"].visits.first()
    visit.region = Region.objects.create(country=visit.region.country, name="Another region")
    visit.save()


WRITES = [
    assess_again,
    change_a_status,
    delete_the_newest_assessment,
    move_an_assessment,
    publish_the_draft,
    unpublish_the_newest,
    redate_a_report,
    delete_the_assessing_mission,
    delete_the_assessing_report,
    add_a_member,
    remove_a_member,
    name_a_member_twice,
    delete_a_delegation,
    move_a_delegation,
    change_the_stations,
    delete_a_visit,
    move_a_visit,
    move_a_visit_to_another_region,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__ for write in WRITES])
@pytest.mark.parametrize("batched", [False, True], ids=["autocommit", "batched"])
def test_a_write_keeps_the_stored_values_exact(followed, write, batched):
    before = assert_stored_exact()
    if batched:
        with transaction.atomic(), batched_flags():
            write(followed)
    else:
        write(followed)
    after = assert_stored_exact()
    assert after != before, "the write changes some stored value, so the test can fail"


def test_the_fixture_has_statuses_and_counts(followed):
    values = assert_stored_exact()
    assert values["statuses"][followed["legal"].pk] == "partially"  # 2024's, not 2022's
    assert set(values["statuses"].values()) == {"partially", ""}  # the draft's "fully": not
    assert values["counts"][followed["first"].pk] != (0, 0)


# What readers see ------------------------------------------------------------------------------


def test_the_country_page_and_home_follow_a_write(client, followed):
    country = followed["first"].election.country
    page = client.get(country.get_absolute_url()).text
    assert "Latest status: partially implemented" in page
    assessment = Assessment.objects.get(document__mission=followed["third"])
    assessment.status = "fully"  # closed: no longer an open recommendation
    assessment.save()
    page = client.get(country.get_absolute_url()).text
    assert "Latest status: partially implemented" not in page
    assert "Recommendation 1<" not in page and "Recommendation 2<" in page

    observers = client.get("/en/").context["figures"]["observers"]
    add_a_member(followed)
    assert client.get("/en/").context["figures"]["observers"] == observers + 1


# Other write paths: admin, import, bulk writes, the command, the migration --------------------


def test_admin_deletes_and_a_save(admin_client, followed):
    report = Document.objects.get(assessments__document__mission=followed["third"])
    delete = reverse("admin:missions_document_delete", args=[report.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert stored_values()["statuses"][followed["legal"].pk] == "not-implemented"
    member = DelegationMember.objects.filter(delegation__mission=followed["first"]).first()
    delete = reverse("admin:missions_delegationmember_delete", args=[member.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert_stored_exact()
    second = followed["second"]
    url = reverse("admin:missions_mission_change", args=[second.pk])
    assert admin_client.post(url, existing_mission_post(second, status="draft")).status_code == 302
    assert stored_values()["statuses"][followed["legal"].pk] == ""
    assert_stored_exact()


def test_an_import_and_a_bulk_publish(tmp_media):  # noqa: F811
    import_paths(EXAMPLE)  # bulk_create: no signals
    assert_stored_exact()
    Mission.objects.update(status=PUBLISHED)
    published_data_changed(Mission)  # a write without signals says so (missions/cache.py)
    values = assert_stored_exact()
    assert "partially" in values["statuses"].values()
    assert any(counts != (0, 0) for counts in values["counts"].values())


def test_a_bulk_update_of_assessments_that_says_so(followed):
    Assessment.objects.update(status="mostly")
    published_data_changed(Assessment)
    assert stored_values()["statuses"][followed["legal"].pk] == "mostly"
    assert_stored_exact()


def wrong_values():
    """Stored values made wrong without a signal, as a restore or a bug would leave them."""
    Recommendation.objects.update(latest_public_status="fully")
    Mission.objects.update(named_observers=99, named_stations=99)
    Region.objects.update(published_visits=99)


def test_the_management_command_recomputes_them(followed):
    wrong_values()
    call_command("refresh_public_flags", stdout=io.StringIO())
    assert_stored_exact()


def test_the_migrations_fill_them(followed):
    from importlib import import_module

    from django.apps import apps

    wrong_values()
    for migration in ("0028_stored_status_and_counts", "0030_region_visits"):
        import_module(f"missions.migrations.{migration}").fill(apps, None)
    assert_stored_exact()


def test_migrate_recomputes_them(followed):
    wrong_values()
    call_command("migrate", verbosity=0)
    assert_stored_exact()


def test_a_synthetic_archive_and_its_removal():
    call_command("seed_synthetic", missions=6, seed=5, stdout=io.StringIO(), verbosity=0)
    values = assert_stored_exact()
    assert any(status for status in values["statuses"].values())
    call_command(
        "seed_synthetic", missions=2, seed=6, replace=True, stdout=io.StringIO(), verbosity=0
    )
    assert_stored_exact()


def test_stored_reach_names_only_real_paths():
    """Every path in the stored values' reach selects from its model (a typo would only
    show when that model is written)."""
    for _values, reach in stored.STORED.values():
        for name, paths in reach.items():
            model = Mission._meta.apps.get_model("missions", name)
            for path in paths:
                list(model.objects.values_list(path)[:1])


def test_a_history_revert_brings_the_counts_back(admin_client, followed):
    mission = followed["first"]
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    as_it_was = existing_mission_post(mission)
    assert admin_client.post(url, as_it_was).status_code == 302
    first = Version.objects.get_for_object(mission).get()
    before = assert_stored_exact()["counts"][mission.pk]
    member = DelegationMember.objects.filter(delegation__mission=mission).first()
    delete = reverse("admin:missions_delegationmember_delete", args=[member.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert assert_stored_exact()["counts"][mission.pk] != before

    revision = reverse("admin:missions_mission_revision", args=[mission.pk, first.pk])
    assert admin_client.post(revision, as_it_was).status_code == 302
    assert assert_stored_exact()["counts"][mission.pk] == before


# The country page's totals, stored with the countries index's counts -------------------------


def country_totals():
    return {
        pk: counts
        for pk, *counts in Country.objects.values_list(
            "pk", "missions_observed", "delegations_sent"
        )
    }


def counted_totals():
    """The country page's totals as its lists count them: published missions observing an
    election there (main or also observed), its delegations to published missions."""
    totals = {}
    for country in Country.objects.all():
        observed = public_missions().filter(
            Q(election__country=country) | Q(also_observed__country=country)
        )
        sent = public_delegations().filter(country=country)
        public = country.is_public
        totals[country.pk] = [
            observed.distinct().count() if public else 0,
            sent.count() if public else 0,
        ]
    return totals


def also_observe_abroad(w):
    w["first"].also_observed.add(factories.election(country=factories.country("AM")))


def delete_a_delegation_abroad(w):
    Delegation.objects.filter(mission=w["second"], country__isnull=False).first().delete()


COUNTRY_WRITES = [
    also_observe_abroad,
    delete_a_delegation_abroad,
    publish_the_draft,
    unpublish_the_newest,
    move_a_delegation,
]


@pytest.mark.parametrize("write", COUNTRY_WRITES, ids=[w.__name__ for w in COUNTRY_WRITES])
@pytest.mark.parametrize("batched", [False, True], ids=["autocommit", "batched"])
def test_a_write_keeps_the_country_page_totals_exact(client, followed, write, batched):
    before = country_totals()
    assert before == counted_totals()
    if batched:
        with transaction.atomic(), batched_flags():
            write(followed)
    else:
        write(followed)
    assert country_totals() == counted_totals()
    assert country_totals() != before, "the write changes some total, so the test can fail"


def test_the_country_page_shows_its_stored_totals(client, followed):
    country = followed["first"].election.country
    for _ in range(11):
        factories.mission(election=factories.election(country=country))
    page = client.get(country.get_absolute_url())
    hosted = page.context["hosted"]
    assert len(hosted) == 10 and hosted.more
    assert hosted.total == public_missions().filter(election__country=country).count() == 14
    assert "All 14 missions observing elections in this country" in page.text
