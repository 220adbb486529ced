"""A person in a mission document (`people[]`): import and export. A shared record: what an
entry leaves out keeps."""

from missions.models import Person

from ..fields import compact, given

KEY = "people"


def values(run, entry):
    found = given(entry, "name") | given(entry, "name_original")
    if "country" in entry:
        found["country_id"] = run.country_id(entry)
    return found


def to_entry(person):
    return compact(
        {
            "slug": person.slug,
            "name": person.name,
            "country": person.country.code if person.country else None,
            "name_original": person.name_original,
        }
    )


def sync(run):
    for i, entry in enumerate(run.doc.get(KEY, [])):
        run.upsert(run.known.people, entry["slug"], Person, values(run, entry), [KEY, i])
