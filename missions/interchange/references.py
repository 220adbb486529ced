"""Where a mission document refers to countries, organizations and people, and which of those
neither it nor the database holds. The checks and the importer both walk them from here.

Each walk yields (path, value) in document order, and reads any document: a place the shape
does not allow (a list that is a mapping, a slug that is a number) is left out, so that the
references of a document with schema problems are checked in the same run.
"""

from django.utils.translation import gettext as _

from missions.models import Country, Organization, Person


def listed(node, key):
    """(index, mapping) for each mapping in the list node[key]; none where there is no list."""
    items = node.get(key) if isinstance(node, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield i, item


def mapping(node, key):
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, dict) else {}


def texts(found):
    """Only the references that are text: any other value is the schema's to refuse."""
    return ((path, value) for path, value in found if isinstance(value, str))


def countries(document):
    return texts(country_places(document))


def country_places(document):
    mission = mapping(document, "mission")
    election = mapping(mission, "election")
    if "country" in election:
        yield ["mission", "election", "country"], election["country"]
    for i, election in listed(mission, "also_observed"):
        if "country" in election:
            yield ["mission", "also_observed", i, "country"], election["country"]
    for key in ("organizations", "people", "delegations", "visits"):
        for i, entry in listed(document, key):
            if "country" in entry:
                yield [key, i, "country"], entry["country"]
    for i, entry in listed(document, "organizations"):
        for j, member in listed(entry, "members"):
            if "country" in member:
                yield ["organizations", i, "members", j, "country"], member["country"]


def organizations(document):
    return texts(organization_places(document))


def organization_places(document):
    mission = mapping(document, "mission")
    if "observer_body" in mission:
        yield ["mission", "observer_body"], mission["observer_body"]
    if "body" in mapping(mission, "election"):
        yield ["mission", "election", "body"], mission["election"]["body"]
    for i, partner in listed(mission, "partners"):
        if "organization" in partner:
            yield ["mission", "partners", i, "organization"], partner["organization"]
    for i, election in listed(mission, "also_observed"):
        if "body" in election:
            yield ["mission", "also_observed", i, "body"], election["body"]
    for key, field in (
        ("organizations", "parent"),
        ("delegations", "organization"),
        ("delegations", "partner"),
    ):
        for i, entry in listed(document, key):
            if entry.get(field):
                yield [key, i, field], entry[field]
    for i, meeting in listed(document, "meetings"):
        if "host" in meeting:
            yield ["meetings", i, "host"], meeting["host"]
    for i, entry in listed(document, "documents"):
        if "issuer" in entry:
            yield ["documents", i, "issuer"], entry["issuer"]
        co_issuers = entry.get("co_issuers")
        for j, slug in enumerate(co_issuers if isinstance(co_issuers, list) else []):
            yield ["documents", i, "co_issuers", j], slug


def people(document):
    return texts(person_places(document))


def person_places(document):
    mission = mapping(document, "mission")
    if "coordinator" in mission:
        yield ["mission", "coordinator"], mission["coordinator"]
    for i, partner in listed(mission, "partners"):
        if "head" in partner:
            yield ["mission", "partners", i, "head"], partner["head"]
    for i, delegation in listed(document, "delegations"):
        for j, member in listed(delegation, "members"):
            if "person" in member:
                yield ["delegations", i, "members", j, "person"], member["person"]
    for i, meeting in listed(document, "meetings"):
        for j, counterpart in listed(meeting, "counterparts"):
            if "person" in counterpart:
                yield ["meetings", i, "counterparts", j, "person"], counterpart["person"]
        if "led_by" in meeting:
            yield ["meetings", i, "led_by"], meeting["led_by"]
    for i, visit in listed(document, "visits"):
        observers = visit.get("observers")
        for j, slug in enumerate(observers if isinstance(observers, list) else []):
            yield ["visits", i, "observers", j], slug


def slugs(references):
    return {slug for _path, slug in references}


def defined(document, key):
    """The slugs the document's list `key` defines, or None if its shape does not tell (an
    entry that is not a mapping or has no slug as text)."""
    entries = document.get(key, [])
    if not isinstance(entries, list):
        return None
    found = set()
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("slug"), str):
            return None
        found.add(entry["slug"])
    return found


def problems(document, skip=frozenset()):
    """Yield (path, message) for each country, organization and person the document names
    that neither it nor the database holds, in that order; a place in `skip` (a set of path
    tuples the schema already refused) is left out, and so is a kind of record whose
    definitions the document's shape does not tell."""
    yield from unknown(
        countries(document),
        set(),
        Country.objects.filter,
        "code",
        _("%(code)s is not a known ISO 3166-1 country code"),
        skip,
    )
    for key, walk, model, message in (
        (
            "organizations",
            organizations,
            Organization,
            _("no organization %(slug)s in organizations: or in the database"),
        ),
        ("people", people, Person, _("no person %(slug)s in people: or in the database")),
    ):
        known = defined(document, key)
        if known is not None:
            yield from unknown(walk(document), known, model.objects.filter, "slug", message, skip)


def unknown(found, known, stored_in, field, message, skip):
    found = [(path, slug) for path, slug in found if tuple(path) not in skip]
    wanted = slugs(found) - known
    stored = set(stored_in(**{f"{field}__in": wanted}).values_list(field, flat=True))
    for path, slug in found:
        if slug not in known and slug not in stored:
            yield path, message % {"slug": slug, "code": slug}
