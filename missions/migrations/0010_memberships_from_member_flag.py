"""Carry the global "member nation" flag over to memberships of organizations.

The flag said "member nation of the assembly"; the importer set it for every country that
sent a delegation. So a flagged country becomes a member of the observer body of each mission
it sent a delegation to, where that body is an assembly (a body with member nations): the seed's
six sending countries become members of ipa-cis. A flagged country that sent no delegation was
flagged by hand; it becomes a member of the archive's assembly when there is exactly one
(the observer body of kind assembly). A delegation to a body that is not an assembly (an
institute, an international office) makes no membership: that body has no member nations to
carry over, and guessing one would put a false "member of" on a public page. Dates are unknown.
"""

from django.db import migrations


def memberships_from_flag(apps, schema_editor):
    Country = apps.get_model("missions", "Country")
    Delegation = apps.get_model("missions", "Delegation")
    Mission = apps.get_model("missions", "Mission")
    Membership = apps.get_model("missions", "OrganizationMembership")
    flagged = set(Country.objects.filter(is_member=True).values_list("pk", flat=True))
    pairs = set(
        Delegation.objects.filter(
            country_id__in=flagged, mission__observer_body__kind="assembly"
        ).values_list("mission__observer_body_id", "country_id")
    )
    senders = set(Delegation.objects.filter(country_id__in=flagged).values_list("country_id", flat=True))
    assemblies = set(
        Mission.objects.filter(observer_body__kind="assembly").values_list(
            "observer_body_id", flat=True
        )
    )
    if len(assemblies) == 1:
        (assembly,) = assemblies
        pairs |= {(assembly, country) for country in flagged - senders}
    Membership.objects.bulk_create(
        [Membership(organization_id=body, country_id=country) for body, country in sorted(pairs)]
    )


def flag_from_memberships(apps, schema_editor):
    Country = apps.get_model("missions", "Country")
    Country.objects.filter(memberships__isnull=False).update(is_member=True)


class Migration(migrations.Migration):
    dependencies = [("missions", "0009_mission2_model")]

    operations = [migrations.RunPython(memberships_from_flag, flag_from_memberships)]
