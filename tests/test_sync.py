"""The sync engine's guarantees, whatever path writes: bulk writes parents first, one place
after them (before commit), and rules the model holds on every write path."""

import datetime

import pytest
from django.db import connection

from missions import synthetic
from missions.interchange import sync
from missions.models import MISSION_PARTS, Meeting, Mission, Visit

from .documents_helpers import SEED, import_text
from .factories import ensure_countries


@pytest.fixture
def hook_calls(monkeypatch):
    """Record every call of the after-writes hooks: which rows, and inside a transaction?"""
    calls = []

    def hook(written):
        calls.append(({model: list(rows) for model, rows in written.items()}, in_transaction()))

    monkeypatch.setattr(sync, "AFTER_WRITES", [hook])
    return calls


def in_transaction():
    return connection.in_atomic_block


# Transactional: outside the test's own transaction, "inside" means the run's.
@pytest.mark.django_db(transaction=True)
def test_an_import_calls_the_hooks_with_its_new_rows_before_commit(hook_calls):
    ensure_countries()
    import_text(SEED)
    mission = Mission.objects.get(slug="kz-senate-2017-ipa-cis")
    assert len(hook_calls) == 1
    written, inside = hook_calls[0]
    assert inside
    meetings = {m.pk for m in written[Meeting]}
    assert meetings == set(mission.meetings.values_list("pk", flat=True))
    assert {v.pk for v in written[Visit]} == set(mission.visits.values_list("pk", flat=True))


@pytest.mark.django_db
def test_importing_the_same_document_again_writes_nothing_in_bulk(hook_calls):
    import_text(SEED)
    import_text(SEED)
    assert len(hook_calls) == 1


@pytest.mark.django_db(transaction=True)
def test_the_synthetic_archive_calls_the_same_hooks(hook_calls):
    ensure_countries()
    synthetic.seed_archive(missions=3, seed=1)
    written = {model for rows, _inside in hook_calls for model in rows}
    assert set(MISSION_PARTS) <= written and Mission in written
    assert all(inside for _rows, inside in hook_calls)


@pytest.mark.django_db
def test_pending_rows_are_written_parents_first_with_their_links(mission, member, region):
    pending = sync.Pending()
    visit = pending.add(
        Visit(mission=mission, date=datetime.date(2017, 6, 28), region=region, stages=["voting"])
    )
    pending.link(visit, "observers", [member.person_id])
    written = pending.write()
    assert written == {Visit: [visit]}
    assert list(Visit.objects.get(pk=visit.pk).observers.all()) == [member.person]


@pytest.mark.django_db
def test_bulk_created_visits_store_their_stages_in_election_day_order(mission, region):
    visit = Visit(
        mission=mission,
        date=datetime.date(2017, 6, 28),
        region=region,
        stages=["counting", "opening", "voting", "opening"],
    )
    Visit.objects.bulk_create([visit])
    assert Visit.objects.get(pk=visit.pk).stages == ["opening", "voting", "counting"]


@pytest.mark.django_db
def test_saved_visits_store_their_stages_in_election_day_order(visit):
    visit.stages = ["tabulation", "voting"]
    visit.save()
    visit.refresh_from_db()
    assert visit.stages == ["voting", "tabulation"]


def test_a_meeting_summary_is_split_into_paragraphs_on_blank_lines():
    meeting = Meeting(summary="First, on\ntwo lines.\n\n\nSecond.\n")
    assert meeting.summary_paragraphs() == ["First, on\ntwo lines.", "Second."]
