"""The mission itself (`mission`): import and export. Its coordinator and publication stamp
are set last, by the importer's finish_mission()."""

from missions.models import Mission

from ..fields import both, compact, day, translated
from . import election as elections

KEY = "mission"
BLOCKS = ("summary", "summary_ru")


def values(run, election):
    entry = run.doc[KEY]
    return {
        **both(entry, "title"),
        "election_id": election.pk,
        "observer_body_id": run.organization_id(entry["observer_body"]),
        "monitoring": entry["monitoring"],
        "starts": day(entry["starts"]),
        "ends": day(entry["ends"]),
        "status": entry.get("status", Mission.Status.DRAFT),
        **both(entry, "summary"),
    }


def to_entry(mission, used):
    return compact(
        {
            "slug": mission.slug,
            **translated(mission, "title"),
            "observer_body": used.organization(mission.observer_body),
            "monitoring": mission.monitoring,
            "starts": mission.starts.isoformat(),
            "ends": mission.ends.isoformat(),
            "status": mission.status,
            "coordinator": used.person(mission.coordinator),
            **translated(mission, "summary"),
            "election": elections.to_entry(mission.election, used),
        }
    )


def sync(run, election):
    """Save the mission without its coordinator, who must first be a delegation member."""
    slug = run.doc[KEY]["slug"]
    mission = run.known.missions.get(slug)
    if mission is None:
        mission = Mission(slug=slug, created_by=run.user, updated_by=run.user)
        run.known.missions[slug] = mission
        run.new_mission = True
    run.touch(mission, values(run, election))
    return mission
