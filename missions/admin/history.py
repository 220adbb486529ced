"""Change history with django-reversion, under the publication policy.

A mission follows its parts (delegations with their members, meetings with their counterparts,
visits, documents), so one revision holds the whole mission and reverting it restores the
children together. Every admin page of a mission or a part is a `HistoryAdmin`: an edit made
on a part's own page adds the parent mission to the revision, so it shows up, and can be
undone, in the mission's history too.

A revert or recover writes every version in its revision, whatever its model. Before one
runs, `status_changes` works out what the whole revision would do to missions' statuses, and
each change must pass `publishing.may_change_status`; afterwards the publication stamp is set
by `publishing.stamp_publication`, so it names the publisher who restored it.
"""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.db.models import ForeignKey
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from missions import publishing
from missions.models import (
    MISSION_PARTS,
    Assessment,
    DocumentFile,
    Election,
    ElectionResult,
    ElectionRound,
    Mission,
    MissionFigures,
    MissionPartner,
    MissionPhase,
    MissionSource,
    Organization,
    OrganizationMembership,
    Recommendation,
    ReferendumQuestion,
    ResultOutcome,
)

# Every part a mission's history holds: those a document writes, and the mission/2 parts.
HISTORY_PARTS = list(
    dict.fromkeys(
        [
            *MISSION_PARTS,
            MissionPartner,
            MissionPhase,
            MissionSource,
            MissionFigures,
            DocumentFile,
            Recommendation,
            Assessment,
        ]
    )
)


def parent_field(part):
    """What a part belongs to; a recommendation to its document, though it names the mission."""
    return "document" if part is Recommendation else getattr(part, "parent_field", "mission")


def parts_of(model):
    """The reverse accessors from `model` to the parts that belong to it."""
    return tuple(
        part._meta.get_field(parent_field(part)).remote_field.get_accessor_name()
        for part in HISTORY_PARTS
        if part._meta.get_field(parent_field(part)).related_model is model
    )


# Values derived from the rows (missions.stored) are not history: recomputed after a revert.
DERIVED = {
    Mission: ("named_observers", "named_stations"),
    Recommendation: ("latest_public_status",),
}

for model in [Mission, *HISTORY_PARTS]:
    reversion.register(model, follow=parts_of(model), exclude=DERIVED.get(model, ()))

# Shared records keep a history of their own: an election with its rounds, questions and
# results, an organization with its memberships.
reversion.register(Election, follow=("rounds", "questions"), exclude=("is_public",))
reversion.register(ElectionRound, follow=("results",))
reversion.register(ElectionResult, follow=("outcomes",))
reversion.register(ResultOutcome)
reversion.register(ReferendumQuestion)
reversion.register(Organization, follow=("memberships",), exclude=("is_public",))
reversion.register(OrganizationMembership)

RESTORING = "statuses_before_restore"


def mission_path(model):
    """The foreign keys from `model` up to its mission, e.g. ['delegation', 'mission'], or None."""
    if model is Mission:
        return []
    for field in model._meta.get_fields():
        if isinstance(field, ForeignKey) and field.related_model is not model:
            if field.related_model is Mission:
                return [field.name]
    for field in model._meta.get_fields():
        if isinstance(field, ForeignKey) and reversion.is_registered(field.related_model):
            above = mission_path(field.related_model) if field.related_model is not model else None
            if above:
                return [field.name, *above]
    return None


def mission_of(obj):
    """The mission a part (or a mission) belongs to, or None."""
    for name in mission_path(type(obj)) or []:
        obj = getattr(obj, name, None)
    return obj if isinstance(obj, Mission) else None


def record_mission(mission):
    """Add the whole mission to the revision being recorded, if there is one."""
    record_whole(mission)


def record_whole(record):
    """Add a record with everything it follows to the revision being recorded, if any."""
    if record is not None and record.pk and reversion.is_active():
        reversion.add_to_revision(type(record).objects.get(pk=record.pk))


def election_of(obj):
    """The election a round, result or outcome belongs to."""
    for name in ("result", "round", "election"):
        obj = getattr(obj, name, obj)
    return obj if isinstance(obj, Election) else None


def revision_objects(revision):
    """{(model, pk): the object as the revision would write it} for every version in it."""
    objects = {}
    for version in revision.version_set.all():
        obj = version._object_version.object
        objects[(version._model, str(obj.pk))] = obj
    return objects


def mission_after(obj, objects):
    """The pk of the mission `obj` will belong to once the revision is written."""
    path = mission_path(type(obj))
    for name in path[:-1]:
        field = type(obj)._meta.get_field(name)
        parent_pk = getattr(obj, field.attname)
        obj = objects.get((field.related_model, str(parent_pk)))
        if obj is None:
            obj = field.related_model.objects.filter(pk=parent_pk).first()
        if obj is None:
            return None
    return getattr(obj, type(obj)._meta.get_field(path[-1]).attname)


def status_changes(revision):
    """[(status before, status after)] for what writing the whole revision would publish.

    Each mission in the revision moves to the status it holds; a part that belongs to a
    mission not published now and would belong to a published one is published with it.
    """
    objects = revision_objects(revision)
    after = {obj.pk: obj.status for (model, _pk), obj in objects.items() if model is Mission}
    parts = [
        (model, obj)
        for (model, _pk), obj in objects.items()
        if mission_path(model) not in (None, [])
    ]
    targets = {(model, obj.pk): mission_after(obj, objects) for model, obj in parts}
    now = {
        (model, obj.pk): model.objects.filter(pk=obj.pk)
        .values_list("__".join(mission_path(model)), flat=True)
        .first()
        for model, obj in parts
    }
    known = {*after, *targets.values(), *now.values()} - {None}
    current = dict(Mission.objects.filter(pk__in=known).values_list("pk", "status"))
    changes = [(current.get(pk, publishing.DRAFT), status) for pk, status in after.items()]
    for key, target in targets.items():
        if now[key] is None or target is None:
            continue  # a part restored anew is like a part added to its mission
        before = current.get(now[key], publishing.DRAFT)
        if after.get(target, current.get(target)) == publishing.PUBLISHED:
            changes.append((before, publishing.PUBLISHED))
    return changes


def stamps_before(revision):
    """{mission pk: (status, published_at, published_by_id)} now, for the revision's missions."""
    pks = [obj.pk for (model, _pk), obj in revision_objects(revision).items() if model is Mission]
    before = dict.fromkeys(pks, (None, None, None))  # a mission to recover is not there yet
    rows = Mission.objects.filter(pk__in=pks).values_list(
        "pk", "status", "published_at", "published_by_id"
    )
    before |= {pk: (status, at, by) for pk, status, at, by in rows}
    return before


def restamp(before, user):
    """After a restore: the stamp each mission had, kept or replaced as the policy says."""
    for mission in Mission.objects.filter(pk__in=before):
        status, at, by = before[mission.pk]
        stamp = (mission.published_at, mission.published_by_id)
        mission.published_at, mission.published_by_id = at, by
        publishing.stamp_publication(mission, user, was_published=status == publishing.PUBLISHED)
        if (mission.published_at, mission.published_by_id) != stamp:
            mission.save(update_fields=["published_at", "published_by"])


class HistoryAdmin(VersionAdmin):
    """History of a mission or a part: this model's versions only, restored under the policy."""

    def versions(self):
        return Version.objects.get_for_model(self.model)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(self.versions(), pk=version_id, object_id=unquote(object_id))
        opts = self.model._meta
        refused = redirect(f"admin:{opts.app_label}_{opts.model_name}_history", object_id)
        return self.restore(request, version, refused) or super().revision_view(
            request, object_id, version_id, extra_context
        )

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(self.versions(), pk=version_id)
        opts = self.model._meta
        refused = redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return self.restore(request, version, refused) or super().recover_view(
            request, version_id, extra_context
        )

    def restore(self, request, version, refused):
        """`refused` if the user may not write the version's revision; else None, to go on."""
        changes = status_changes(version.revision)
        if not all(publishing.may_change_status(request.user, *change) for change in changes):
            messages.error(
                request,
                _(
                    "That version would publish or unpublish the mission; "
                    "only publishers may restore it."
                ),
            )
            return refused
        setattr(request, RESTORING, stamps_before(version.revision))
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        before = getattr(request, RESTORING, None)
        if before and request.method == "POST" and response.status_code == 302:
            restamp(before, request.user)
        return response


class ElectionPartAdmin(HistoryAdmin):
    """Admin for a round or a result: its history is also the election's history."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_whole(election_of(form.instance))


class MissionPartAdmin(HistoryAdmin):
    """Admin for a part of a mission: its history is also the mission's history, and a plain
    "save" returns to the mission's page rather than to the list of all such parts."""

    def response_add(self, request, obj, post_url_continue=None):
        return self.back_to_mission(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self.back_to_mission(request, obj) or super().response_change(request, obj)

    def back_to_mission(self, request, obj):
        if {"_continue", "_addanother", "_saveasnew", "_popup"} & set(request.POST):
            return None
        mission = mission_of(obj)
        if mission is None or not mission.pk:
            return None
        messages.success(request, _("Saved %(part)s.") % {"part": obj})
        return redirect("admin:missions_mission_change", mission.pk)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_mission(mission_of(form.instance))

    def delete_model(self, request, obj):
        mission = mission_of(obj)
        with publishing.recorded(request.user, _("Deleted %(part)s.") % {"part": obj}):
            super().delete_model(request, obj)
            record_mission(mission)
