"""An organization in a mission document (`organizations[]`): import and export."""

from missions.models import Organization

from ..fields import both, compact, translated

KEY = "organizations"


def values(run, entry):
    return {
        **both(entry, "name"),
        **both(entry, "short_name"),
        "country_id": run.country_id(entry),
        "kind": entry.get("kind", ""),
    }


def to_entry(organization):
    return compact(
        {
            "slug": organization.slug,
            **translated(organization, "name"),
            **translated(organization, "short_name"),
            "country": organization.country.code if organization.country else None,
            "kind": organization.kind,
            "parent": organization.parent.slug if organization.parent else None,
        }
    )


def sync(run):
    entries = run.doc.get(KEY, [])
    for i, entry in enumerate(entries):
        run.upsert(
            run.known.organizations, entry["slug"], Organization, values(run, entry), [KEY, i]
        )
    sync_parents(run, entries)


def sync_parents(run, entries):
    """Set parents once every organization exists; clear changed ones first so that a
    reordered hierarchy never looks like a loop halfway through."""
    stored = run.known.organizations
    parents = {e["slug"]: run.organization_id(e.get("parent")) for e in entries}
    moving = [
        (i, e) for i, e in enumerate(entries) if stored[e["slug"]].parent_id != parents[e["slug"]]
    ]
    for _i, entry in moving:
        organization = stored[entry["slug"]]
        if organization.parent_id is not None:
            organization.parent_id = None
            organization.save(update_fields=["parent"])
    for i, entry in moving:
        organization = stored[entry["slug"]]
        organization.parent_id = parents[entry["slug"]]
        run.save(organization, [KEY, i], created=run.created(organization))
