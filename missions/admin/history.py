"""Change history with django-reversion.

A mission follows its parts (delegations with their members, meetings with their counterparts,
visits, documents), so one revision holds the whole mission and reverting it restores the
children together. Edits made on a part's own page add the parent mission to the revision, so
they show up, and can be undone, in the mission's history too.
"""

import reversion
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin

from missions.models import MISSION_PARTS, Mission


def parts_of(model):
    """The reverse accessors from `model` to the parts that belong to it."""
    return tuple(
        part._meta.get_field(part.parent_field).remote_field.get_accessor_name()
        for part in MISSION_PARTS
        if part._meta.get_field(part.parent_field).related_model is model
    )


for model in [Mission, *MISSION_PARTS]:
    reversion.register(model, follow=parts_of(model))


def record_mission(mission):
    """Add the whole mission to the revision being recorded, if there is one."""
    if mission is not None and mission.pk and reversion.is_active():
        reversion.add_to_revision(Mission.objects.get(pk=mission.pk))


class MissionPartAdmin(VersionAdmin):
    """Admin for a part of a mission: its history is also the mission's history."""

    def mission_of(self, obj):
        return obj.mission

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_mission(self.mission_of(form.instance))

    def delete_model(self, request, obj):
        mission = self.mission_of(obj)
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Deleted %(part)s.") % {"part": obj})
            super().delete_model(request, obj)
            record_mission(mission)
