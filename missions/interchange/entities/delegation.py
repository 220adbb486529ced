"""A delegation and its members (`delegations[]`): import and export."""

from functools import partial

from django.db.models import Prefetch

from missions.models import Delegation, DelegationMember

from ..fields import both, compact, text, translated

KEY = "delegations"


def for_export(mission):
    members = DelegationMember.objects.select_related("person", "round").order_by("order", "id")
    return (
        mission.delegations.select_related("country", "organization", "partner")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("order", "id")
    )


def to_entry(delegation, used):
    entry = (
        {"country": delegation.country.code}
        if delegation.country
        else {"organization": used.organization(delegation.organization)}
    )
    members = [member_entry(member, used) for member in delegation.members.all()]
    partner = used.organization(delegation.partner)
    return compact(entry | {"partner": partner, "members": members})


def member_entry(member, used):
    return compact(
        {
            "person": used.person(member.person),
            "role": member.role,
            **translated(member, "position"),
            "round": member.round.number if member.round else None,
            "group": member.group,
        }
    )


def sender(run, entry):
    """(country id, organization id, partner id): a delegation's key within its mission."""
    country = run.country(entry["country"]).pk if "country" in entry else None
    organization = run.organization_id(entry.get("organization"))
    return country, organization, run.organization_id(entry.get("partner"))


def values(run, entry, mission):
    country_id, organization_id, partner_id = sender(run, entry)
    return {
        "mission": mission,
        "country_id": country_id,
        "organization_id": organization_id,
        "partner_id": partner_id,
    }


def member_values(run, entry, delegation):
    return {
        "delegation": delegation,
        "person_id": run.person_id(entry["person"]),
        "role": entry.get("role", DelegationMember.Role.OBSERVER),
        **both(entry, "position"),
        "round_id": run.round_id(entry.get("round"), ["round"]),
        "group": text(entry.get("group")),
    }


def sync(run, mission):
    entries = run.doc.get(KEY, [])
    run.sync_by_key(
        Delegation,
        run.stored(mission, KEY, "members"),
        entries,
        [KEY],
        keys=(
            lambda d: (d.country_id, d.organization_id, d.partner_id),
            lambda e: sender(run, e),
        ),
        values_of=lambda e: values(run, e, mission),
        then=lambda delegation, entry, path: sync_members(run, delegation, entry, path),
    )


def sync_members(run, delegation, entry, path):
    values_of = partial(member_values, run, delegation=delegation)
    run.sync_people(DelegationMember, delegation, "members", entry, path, values_of)
