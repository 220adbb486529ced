"""Migration 0010 carries the "member nation" flag of round one over to memberships."""

import pytest
import yaml
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from missions.models import Country, OrganizationMembership
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

# Just before 0010: round one's rows are as 0009 left them (it only added tables and fields,
# and loosened others), and 0009 itself, the largest migration, is not undone each time.
BEFORE = [("missions", "0009_mission2_model")]
MEMBER_NATIONS = ["AM", "BY", "KG", "MD", "RU", "TJ"]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def round_one():
    """The database before 0010, with round one's rows; back at the latest afterwards."""
    factories.ensure_countries()
    apps = migrate(BEFORE)
    yield apps
    migrate_to_latest()


def import_seed_as_round_one(apps):
    """Rows of the seed document, written the way round one's importer wrote them."""
    Country = apps.get_model("missions", "Country")
    Organization = apps.get_model("missions", "Organization")
    Election = apps.get_model("missions", "Election")
    Mission = apps.get_model("missions", "Mission")
    Delegation = apps.get_model("missions", "Delegation")
    doc = yaml.safe_load(factories.SEED.read_text(encoding="utf-8"))
    bodies = {}
    for entry in doc["organizations"]:
        bodies[entry["slug"]] = Organization.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            kind=entry.get("kind", ""),
            parent=bodies.get(entry.get("parent")),
            country=Country.objects.filter(code=entry.get("country")).first(),
        )
    facts = doc["mission"]
    election = Election.objects.create(
        slug=facts["election"]["slug"],
        name=facts["election"]["name"],
        country=Country.objects.get(code=facts["election"]["country"]),
        kind=facts["election"]["kind"],
        voting_day=facts["election"]["voting_day"],
    )
    mission = Mission.objects.create(
        slug=facts["slug"],
        title=facts["title"],
        election=election,
        observer_body=bodies[facts["observer_body"]],
        monitoring=facts["monitoring"],
        starts=facts["starts"],
        ends=facts["ends"],
        status=facts["status"],
    )
    for order, entry in enumerate(doc["delegations"]):
        if "country" in entry:
            country = Country.objects.get(code=entry["country"])
            country.is_member = True  # round one's mark_member_nation
            country.save()
            Delegation.objects.create(mission=mission, country=country, order=order)
        else:
            Delegation.objects.create(
                mission=mission, organization=bodies[entry["organization"]], order=order
            )
    return mission


def test_the_seeds_six_sending_countries_become_members_of_ipa_cis(round_one):
    import_seed_as_round_one(round_one)
    flagged = round_one.get_model("missions", "Country").objects.filter(is_member=True)
    assert sorted(flagged.values_list("code", flat=True)) == MEMBER_NATIONS

    migrate_to_latest()

    members = OrganizationMembership.objects.filter(organization__slug="ipa-cis")
    assert sorted(members.values_list("country__code", flat=True)) == MEMBER_NATIONS
    assert OrganizationMembership.objects.count() == 6
    assert not members.exclude(since=None, until=None).exists()
    assert "is_member" not in {f.name for f in Country._meta.get_fields()}
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "missions_country")
    assert "is_member" not in {column.name for column in columns}


def test_a_delegation_to_a_body_that_is_no_assembly_makes_no_membership(round_one):
    """The issue's ODIHR experts: a flag set by such a delegation is not carried over; a flag
    set by hand on a country that sent no delegation goes to the archive's one assembly."""
    mission = import_seed_as_round_one(round_one)
    Country = round_one.get_model("missions", "Country")
    Organization = round_one.get_model("missions", "Organization")
    Mission = round_one.get_model("missions", "Mission")
    Delegation = round_one.get_model("missions", "Delegation")
    odihr = Organization.objects.create(slug="odihr", name="ODIHR", kind="institute")
    joint = Mission.objects.create(
        slug="kz-senate-2017-odihr",
        title="ODIHR",
        election=mission.election,
        observer_body=odihr,
        monitoring="long-term",
        starts=mission.starts,
        ends=mission.ends,
    )
    for code in ["GB", "RU"]:
        Delegation.objects.create(mission=joint, country=Country.objects.get(code=code))
    Country.objects.filter(code__in=["GB", "AZ"]).update(is_member=True)

    migrate_to_latest()

    by_body = sorted(
        OrganizationMembership.objects.values_list("organization__slug", "country__code")
    )
    assert by_body == sorted([("ipa-cis", code) for code in [*MEMBER_NATIONS, "AZ"]])


def test_going_back_sets_the_flag_again_from_memberships(round_one):
    import_seed_as_round_one(round_one)
    migrate_to_latest()
    apps = migrate(BEFORE)
    flagged = apps.get_model("missions", "Country").objects.filter(is_member=True)
    assert sorted(flagged.values_list("code", flat=True)) == MEMBER_NATIONS
