"""The election a mission observed (`mission.election`): import and export."""

from missions.models import Election

from ..fields import both, compact, day, translated

PATH = ["mission", "election"]


def values(run, entry):
    return {
        **both(entry, "name"),
        "country_id": run.country(entry["country"]).pk,
        "kind": entry["kind"],
        "voting_day": day(entry["voting_day"]),
        "body_id": run.organization_id(entry.get("body")),
    }


def to_entry(election, used):
    return compact(
        {
            "slug": election.slug,
            **translated(election, "name"),
            "country": election.country.code,
            "kind": election.kind,
            "voting_day": election.voting_day.isoformat(),
            "body": used.organization(election.body),
        }
    )


def sync(run):
    entry = run.doc["mission"]["election"]
    return run.upsert(run.known.elections, entry["slug"], Election, values(run, entry), PATH)
