"""Values the public pages read, stored on their rows: each recommendation's latest published
status, each mission's named observers and polling stations, each region's visits of
published missions. They are recomputed from the
definitions below with the public flags (`public_flags`: the same signals, batches and bulk
paths), for the rows the writes reach: a written row's reach is read before the write and
after it, as the flags' is.

Both count published data only or are read behind the gate: the latest status is that of
the newest assessment by a *published* mission, and is only ever shown on a public
recommendation; a mission's counts are only ever read for published missions; a region's
visits are those of published missions.
"""

from django.apps import apps as global_apps
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .flag_reach import chunks, is_local, select_ids
from .followup import NEWEST_FIRST

PUBLISHED = "published"  # Mission.Status.PUBLISHED, also for the migrations' models


def latest_status(apps=global_apps):
    """A recommendation's stored latest status: its newest published assessment's, or ""."""
    assessment = apps.get_model("missions", "Assessment")
    latest = assessment.objects.filter(
        recommendation=OuterRef("pk"), document__mission__status=PUBLISHED
    ).order_by(*NEWEST_FIRST)
    return {"latest_public_status": Coalesce(Subquery(latest.values("status")[:1]), Value(""))}


def mission_counts(apps=global_apps):
    """A mission's stored counts: the people on its delegations, its visits' polling stations."""
    member = apps.get_model("missions", "DelegationMember")
    visit = apps.get_model("missions", "Visit")
    people = member.objects.filter(delegation__mission=OuterRef("pk"))
    stations = visit.objects.filter(mission=OuterRef("pk"))
    return {
        "named_observers": per_row(people, "delegation__mission", Count("person", distinct=True)),
        "named_stations": per_row(stations, "mission", Sum("stations_visited")),
    }


def region_visits(apps=global_apps):
    """A region's stored count: the visits of published missions to it."""
    visit = apps.get_model("missions", "Visit")
    visits = visit.objects.filter(region=OuterRef("pk"), mission__status=PUBLISHED)
    return {"published_visits": per_row(visits, "region", Count("pk"))}


def per_row(queryset, group_by, aggregate):
    """A scalar subquery: `aggregate` over the queryset's rows of the outer row, or 0."""
    grouped = queryset.order_by().values(group_by).annotate(n=aggregate).values("n")
    return Coalesce(Subquery(grouped, output_field=IntegerField()), 0)


# Each stored model: its values, and what reaches its rows from a written row of each model
# (paths from the written row to the stored rows' ids). The stored rows themselves are in
# their own reach: a restored revision or a fixture writes them with stale values.
STORED = {
    "Recommendation": (
        latest_status,
        {
            "Recommendation": ["pk"],
            "Assessment": ["recommendation_id"],
            "Document": ["assessments__recommendation_id"],
            "Mission": ["documents__assessments__recommendation_id"],
        },
    ),
    "Mission": (
        mission_counts,
        {
            "Mission": ["pk"],
            "Delegation": ["mission_id"],
            "DelegationMember": ["delegation__mission_id"],
            "Visit": ["mission_id"],
        },
    ),
    "Region": (
        region_visits,
        {
            "Region": ["pk"],
            "Visit": ["region_id"],
            "Mission": ["visits__region_id"],
        },
    ),
}
WRITTEN = {name for _values, reach in STORED.values() for name in reach}


def reaching(model):
    """(stored model name, path) for every stored row a row of `model` reaches."""
    name = model.__name__ if model._meta.app_label == "missions" else None
    if name not in WRITTEN:
        return []
    return [
        (stored, path) for stored, (_v, reach) in STORED.items() for path in reach.get(name, ())
    ]


def add_reach(pending, model, pks):
    """Add to `pending` ({stored model name: ids}) the stored rows rows `pks` reach now."""
    for stored, path in reaching(model):
        pending.setdefault(stored, set()).update(select_ids(model, path, pks))


def add_saved(pending, model, objs):
    """Add to `pending` the stored rows the just saved `objs` reach: their own columns as
    saved, the paths through other rows as the database holds them now."""
    remote = []
    for stored, path in reaching(model):
        if is_local(path):
            values = (obj.pk if path == "pk" else getattr(obj, path) for obj in objs)
            pending.setdefault(stored, set()).update(v for v in values if v is not None)
        else:
            remote.append((stored, path))
    pks = [obj.pk for obj in objs if obj.pk is not None]
    for stored, path in remote:
        pending.setdefault(stored, set()).update(select_ids(model, path, pks))


def is_written(model):
    """Whether writes to `model` can change a stored value (None: any model)."""
    return model is None or bool(reaching(model))


def refresh(pending=None, apps=global_apps, names=tuple(STORED)):
    """Set the stored values of rows `pending` ({stored model name: ids}; None: every row)
    of the models `names` to their definitions' answers: one UPDATE per model and chunk of
    ids."""
    for name in names:
        values = STORED[name][0]
        model = apps.get_model("missions", name)
        if pending is None:
            model.objects.update(**values(apps))
        elif pending.get(name):
            for chunk in chunks(pending[name]):
                model.objects.filter(pk__in=chunk).update(**values(apps))


def migrated(apps):
    """Whether the migrated schema has the stored values (a migration test stops earlier)."""
    region = apps.get_model("missions", "Region")
    return any(field.name == "published_visits" for field in region._meta.fields)
