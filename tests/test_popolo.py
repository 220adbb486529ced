"""The Popolo export: valid against the Popolo project's schemas, public records only."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from missions.models import Assessment, Mission

from . import factories
from .public_data import add_mission2, tmp_media  # noqa: F401
from .test_drafts import MARKER, secret_mission

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent / "popolo_schemas"
SEED = "kz-senate-2017-ipa-cis"
KINDS = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "events": "event",
    "areas": "area",
}


def registry():
    """Every schema under the URL the others' `$ref`s name it by, read from tests/."""
    resources = []
    for path in SCHEMAS.glob("*.json"):
        resource = Resource.from_contents(json.loads(path.read_text()), DRAFT3)
        resources.append((f"http://www.popoloproject.com/schemas/{path.name}", resource))
        resources.append((resource.id(), resource))  # contact_detail's own id lacks "www."
    return Registry().with_resources(resources)


def validator(kind):
    schema = json.loads((SCHEMAS / f"{kind}.json").read_text())
    return Draft3Validator(
        schema, registry=registry(), format_checker=Draft3Validator.FORMAT_CHECKER
    )


def problems(export):
    """Each record that its Popolo schema refuses, with why."""
    found = []
    for collection, kind in KINDS.items():
        check = validator(kind)
        for record in export[collection]:
            found += [
                f"{collection} {record.get('id')}: {e.message}" for e in check.iter_errors(record)
            ]
    return found


@pytest.fixture
def archive(tmp_media):  # noqa: F811
    seed = factories.load_seed()
    mission = factories.full_mission()
    made = add_mission2(mission, "m2")
    earlier = factories.full_mission()
    assessed = add_mission2(earlier, "earlier", file=False)["recommendation"]
    Assessment.objects.create(document=made["document"], recommendation=assessed, status="met")
    secret_mission(Mission.Status.DRAFT, "draft", host_code="UZ", sender_code="TM")
    return seed, mission


def test_the_export_is_valid_popolo(client, archive):
    response = client.get("/api/v1/popolo.json")
    assert response.status_code == 200
    export = response.json()
    assert all(export[collection] for collection in KINDS)
    assert problems(export) == []


def test_the_schemas_refuse_what_is_not_popolo(client, archive):
    export = client.get("/api/v1/popolo.json").json()
    export["memberships"][0]["start_date"] = "27.06.2017"
    export["persons"][0]["other_names"] = [{"note": "a name without its name"}]
    export["areas"][0]["sources"] = [{"note": "a link without its url"}]
    found = problems(export)
    assert len(found) == 3, found


def test_members_are_memberships_of_their_mission_with_its_dates(client, archive):
    seed, _ = archive
    export = client.get("/api/v1/popolo.json").json()
    ids = {kind: {r["id"] for r in export[kind]} for kind in KINDS}
    (coordinator,) = [
        m
        for m in export["memberships"]
        if m.get("person_id") == f"person:{seed.coordinator.slug}"
        and m["organization_id"] == f"mission:{SEED}"
    ]
    assert coordinator["role"] == "coordinator"
    assert coordinator["label"].startswith("Deputy Speaker")
    assert (coordinator["start_date"], coordinator["end_date"]) == ("2017-06-27", "2017-06-29")
    assert coordinator["area_id"] == "country:ru"
    mission = next(o for o in export["organizations"] if o["id"] == f"mission:{SEED}")
    assert mission["parent_id"] == "organization:ipa-cis"
    assert mission["other_names"][0]["name"].startswith("Наблюдение МПА СНГ")
    for membership in export["memberships"]:  # every reference leads to a record of the export
        assert membership.get("person_id", "person:-") in ids["persons"] | {"person:-"}
        assert membership["organization_id"] in ids["organizations"]
        assert membership.get("on_behalf_of_id") in ids["organizations"] | {None}
        assert membership.get("area_id") in ids["areas"] | {None}


def test_countries_are_member_areas_of_organizations(client, archive):
    export = client.get("/api/v1/popolo.json").json()
    states = [m for m in export["memberships"] if m["role"] == "member state"]
    assert any(m["area_id"] == "country:kz" and m["start_date"] == "1992-03-27" for m in states)
    assert all("person_id" not in m for m in states)


def test_meetings_and_press_conferences_are_events_with_attendees(client, archive):
    export = client.get("/api/v1/popolo.json").json()
    seed_events = [e for e in export["events"] if e["organization_id"] == f"mission:{SEED}"]
    kinds = {e["classification"] for e in seed_events}
    assert {"meeting", "press-conference"} <= kinds
    attended = [e for e in seed_events if e["attendees"]]
    assert attended and all(a["id"].startswith("person:") for e in attended for a in e["attendees"])
    persons = {p["id"] for p in export["persons"]}
    assert {a["id"] for e in export["events"] for a in e["attendees"]} <= persons


def test_areas_are_countries_and_their_regions(client, archive):
    export = client.get("/api/v1/popolo.json").json()
    areas = {a["id"]: a for a in export["areas"]}
    assert areas["country:kz"]["identifier"] == "KZ"
    assert areas["country:kz"]["other_names"] == [{"name": "Казахстан", "note": "ru"}]
    regions = [a for a in export["areas"] if a["id"].startswith("region:")]
    assert regions and all(r["parent_id"] in areas for r in regions)


def test_no_draft_reaches_the_export(client, archive):
    text = client.get("/api/v1/popolo.json").content.decode().lower()
    assert MARKER not in text
    assert "country:uz" not in text and "country:tm" not in text


def test_the_licence_is_in_the_export(client, archive, settings):
    settings.DATA_LICENSE = "CC BY 4.0"
    assert client.get("/api/v1/popolo.json").json()["license"] == "CC BY 4.0"


def test_the_command_writes_the_same_export(client, archive, tmp_path):
    out = tmp_path / "popolo.json"
    call_command("export_popolo", "--out", str(out), "--base-url", "https://observers.example")
    written = json.loads(out.read_text(encoding="utf-8"))
    served = client.get("/api/v1/popolo.json").json()
    for collection in KINDS:
        assert [r["id"] for r in written[collection]] == [r["id"] for r in served[collection]]
    person = written["persons"][0]
    assert person["links"][0]["url"].startswith("https://observers.example/en/people/")
    assert problems(written) == []
