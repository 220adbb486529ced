"""Importing costs a number of queries that does not grow with a mission's size."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from missions.interchange import Source, import_sources
from missions.models import DelegationMember, MeetingCounterpart, Visit

pytestmark = pytest.mark.django_db


def people(count):
    return [{"slug": f"observer-{i}", "name": f"Observer {i}"} for i in range(count)]


def document(slug, size):
    """A mission whose delegation, meeting and visit each name `size` people."""
    slugs = [entry["slug"] for entry in people(size)]
    return {
        "format": "mission/1",
        "mission": {
            "slug": slug,
            "title": f"Mission {slug}",
            "observer_body": "observers",
            "monitoring": "short-term",
            "starts": "2024-03-01",
            "ends": "2024-03-03",
            "status": "published",
            "election": {
                "slug": f"{slug}-election",
                "name": "Presidential election",
                "country": "KZ",
                "kind": "presidential",
                "voting_day": "2024-03-02",
            },
        },
        "organizations": [{"slug": "observers", "name": "Observers"}],
        "people": people(size),
        "delegations": [{"country": "RU", "members": [{"person": s} for s in slugs]}],
        "meetings": [
            {"date": "2024-03-01", "counterparts": [{"person": s} for s in slugs]},
        ],
        "visits": [{"date": "2024-03-02", "region": "Astana", "observers": slugs}],
    }


def import_document(slug, size):
    source = Source(f"{slug}.json", json.dumps(document(slug, size)))
    with CaptureQueriesContext(connection) as queries:
        import_sources([source])
    return len(queries)


def test_members_counterparts_and_observers_do_not_add_queries():
    import_document("people-first", 30)  # every person exists before the measured imports
    small = import_document("small-mission", 3)
    large = import_document("large-mission", 30)
    assert DelegationMember.objects.filter(delegation__mission__slug="large-mission").count() == 30
    assert MeetingCounterpart.objects.filter(meeting__mission__slug="large-mission").count() == 30
    assert Visit.objects.get(mission__slug="large-mission").observers.count() == 30
    assert large == small


def reimport(slug, size):
    """Import a mission twice; return the SQL of the second, unchanged, import."""
    import_document(slug, size)
    source = Source(f"{slug}.json", json.dumps(document(slug, size)))
    with CaptureQueriesContext(connection) as queries:
        import_sources([source])
    return [query["sql"] for query in queries]


def test_reimporting_an_unchanged_mission_writes_nothing_and_reads_the_same():
    large = reimport("steady-large", 30)
    small = reimport("steady-small", 3)
    writes = [sql for sql in large if sql.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert len(large) == len(small)
