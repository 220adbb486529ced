"""The mission itself (`mission`), with its figures and the elections it also observed:
import and export. Its partners, phases and sources are entities of their own (UNDER the
mission); its coordinator and publication stamp are set last, by finish_mission()."""

from django.core.exceptions import ValidationError

from missions.models import Mission, MissionFigures

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


def to_entry(mission, used, parts):
    """The mission's entry; `parts` holds {KEY: (entity, records)} of its partners, phases
    and sources, written in place so that records are named in the order they are used."""
    figures = getattr(mission, "figures", None)

    def entries(key):
        entity, records = parts.get(key, (None, []))
        return [entity.to_entry(r, used) for r in records]

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
            "partners": entries("partners"),
            "phases": entries("phases"),
            "figures": figures.stated() if figures else None,
            **(translated(figures, "figures_note") if figures else {}),
            "sources": entries("sources"),
            "election": elections.to_entry(mission.election, used),
            "also_observed": [
                elections.to_entry(e, used) for e in mission.also_observed.order_by("slug")
            ],
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


def sync_also_observed(run, mission, others):
    """Link the further elections of the voting day, checked by the model's rule."""
    try:
        mission.check_also_observed(others)
    except ValidationError as error:
        for message in error.message_dict["also_observed"]:
            run.problems.add([KEY, "also_observed"], message)
        return
    wanted = {e.pk for e in others}
    stored = set() if run.new_mission else set(mission.also_observed.values_list("pk", flat=True))
    if wanted != stored:
        mission.also_observed.set(wanted)
        run.tally.record(mission, "updated")


def sync_figures(run, mission):
    """The figures as the source states them; none given deletes the stored ones."""
    entry = run.doc[KEY]
    given = entry.get("figures", {})
    stored = None if run.new_mission else MissionFigures.objects.filter(mission=mission).first()
    if not given and "figures_note" not in entry and "figures_note_ru" not in entry:
        if stored is not None:
            run.delete(stored)
        return
    values = {key: given.get(key) for key in MissionFigures.KEYS} | both(entry, "figures_note")
    if stored is None:
        run.save(MissionFigures(mission=mission, **values), [KEY, "figures"], created=True)
    else:
        run.update(stored, values, [KEY, "figures"])
