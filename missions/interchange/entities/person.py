"""A person in a mission document (`people[]`): import and export."""

from missions.models import Person

from ..fields import compact, text

KEY = "people"


def values(run, entry):
    return {
        "name": text(entry["name"]),
        "name_original": text(entry.get("name_original")),
        "country_id": run.country_id(entry),
    }


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
