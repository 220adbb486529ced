"""A body that observed jointly with the observer body (`mission.partners[]`): import and
export."""

from missions.models import MissionPartner

from ..fields import both, compact, translated

MODEL = MissionPartner
KEY = "partners"
UNDER = ("mission",)
INNER = ()


def for_export(mission):
    return mission.partners.select_related("organization", "head").order_by("order", "id")


def to_entry(partner, used):
    return compact(
        {
            "organization": used.organization(partner.organization),
            "head": used.person(partner.head),
            **translated(partner, "role"),
        }
    )


def values(run, entry, mission):
    """Without the head, who must first be a delegation member: see sync_heads()."""
    return {
        "mission": mission,
        "organization_id": run.organization_id(entry["organization"]),
        **both(entry, "role"),
    }


def sync(run, mission):
    """Partners by position, saved at once: a delegation's partner must be stored first."""
    entries = run.doc["mission"].get(KEY, [])
    stored = sorted(run.children(mission, KEY), key=lambda p: (p.order, p.id))
    for i, entry in enumerate(entries):
        values_ = values(run, entry, mission) | {"order": i}
        if i < len(stored):
            run.update(stored[i], values_, ["mission", KEY, i])
        else:
            run.save(MissionPartner(**values_), ["mission", KEY, i], created=True)
    for partner in stored[len(entries) :]:
        run.delete(partner)


def sync_heads(run, mission):
    """Set each partner's head once the delegations are written."""
    entries = run.doc["mission"].get(KEY, [])
    stored = sorted(mission.partners.all(), key=lambda p: (p.order, p.id))
    for i, (partner, entry) in enumerate(zip(stored, entries, strict=False)):
        run.update(partner, {"head_id": run.person_id(entry.get("head"))}, ["mission", KEY, i])
