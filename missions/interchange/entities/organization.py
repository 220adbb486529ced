"""An organization in a mission document (`organizations[]`), with the countries that belong
to it (`members`): import and export. A shared record: what an entry leaves out keeps."""

from missions.models import Organization, OrganizationMembership

from ..fields import compact, day, given, given_both, iso, translated

KEY = "organizations"


def values(run, entry):
    found = given_both(entry, "name") | given_both(entry, "short_name")
    found |= given(entry, "kind") | given(entry, "url")
    if "country" in entry:
        found["country_id"] = run.country_id(entry)
    return found


def to_entry(organization):
    return compact(
        {
            "slug": organization.slug,
            **translated(organization, "name"),
            **translated(organization, "short_name"),
            "country": organization.country.code if organization.country else None,
            "kind": organization.kind,
            "parent": organization.parent.slug if organization.parent else None,
            "members": [member_entry(m) for m in organization.memberships.all()],
            "url": organization.url,
        }
    )


def member_entry(membership):
    return compact(
        {
            "country": membership.country.code,
            "since": iso(membership.since),
            "until": iso(membership.until),
        }
    )


def sync(run):
    entries = run.doc.get(KEY, [])
    for i, entry in enumerate(entries):
        organization = run.upsert(
            run.known.organizations, entry["slug"], Organization, values(run, entry), [KEY, i]
        )
        if "members" in entry:
            sync_members(run, organization, entry["members"], [KEY, i, "members"])
    sync_parents(run, entries)


def membership_key(membership):
    return (membership.country_id, membership.since, membership.until)


def sync_members(run, organization, entries, path):
    """Make the stored memberships those listed; a stored list that differs is a change to a
    shared record like any other field."""
    wanted = [
        (run.country(e["country"]).pk, optional_day(e, "since"), optional_day(e, "until"))
        for e in entries
    ]
    stored = [] if run.created(organization) else list(organization.memberships.all())
    if sorted(map(membership_key, stored), key=str) == sorted(wanted, key=str):
        return
    old_text = describe(run, stored)
    if not run.may_change(organization, old_text, path):
        return
    for membership in stored:
        membership.delete()
    for i, (country, since, until) in enumerate(wanted):
        membership = OrganizationMembership(
            organization=organization, country_id=country, since=since, until=until
        )
        run.save(membership, path + [i], created=True)
    if not run.created(organization):
        new_text = ", ".join(
            run_country_code(run, country) + (f" {iso(since)}" if since else "")
            for country, since, _until in wanted
        )
        run.shared_changed(organization, "members", old_text, new_text)


def optional_day(entry, key):
    return day(entry[key]) if key in entry else None


def describe(run, memberships):
    return ", ".join(
        run_country_code(run, m.country_id) + (f" {iso(m.since)}" if m.since else "")
        for m in memberships
    )


def run_country_code(run, pk):
    return next(code for code, country in run.known.countries.items() if country.pk == pk)


def sync_parents(run, entries):
    """Set parents once every organization exists; clear changed ones first so that a
    reordered hierarchy never looks like a loop halfway through. An entry without `parent`
    keeps the stored one; a stored parent of an organization other missions use changes only
    as any field of a shared record does."""
    stored = run.known.organizations
    parents = {
        e["slug"]: run.organization_id(e["parent"] or None) for e in entries if "parent" in e
    }
    moving = [
        (i, e)
        for i, e in enumerate(entries)
        if e["slug"] in parents
        and stored[e["slug"]].parent_id != parents[e["slug"]]
        and run.may_change(
            stored[e["slug"]], parent_slug(run, stored[e["slug"]].parent_id), [KEY, i, "parent"]
        )
    ]
    old = {e["slug"]: parent_slug(run, stored[e["slug"]].parent_id) for _i, e in moving}
    for _i, entry in moving:
        organization = stored[entry["slug"]]
        if organization.parent_id is not None:
            organization.parent_id = None
            organization.save(update_fields=["parent"])
    for i, entry in moving:
        organization = stored[entry["slug"]]
        organization.parent_id = parents[entry["slug"]]
        run.save(organization, [KEY, i], created=run.created(organization))
        if not run.created(organization):
            new = parent_slug(run, organization.parent_id)
            run.shared_changed(organization, "parent", old[entry["slug"]], new)


def parent_slug(run, pk):
    """The slug of an organization the run holds (or the database), "" for none."""
    if pk is None:
        return ""
    found = next((o for o in run.known.organizations.values() if o.pk == pk), None)
    return (found or Organization.objects.get(pk=pk)).slug
