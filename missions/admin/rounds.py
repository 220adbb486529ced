"""Round choices limited to the rounds of the elections a mission observed."""

from missions.models import ElectionRound

from .history import mission_of


def mission_rounds(mission):
    """The rounds of the mission's main election and those it also observed; none if unsaved."""
    if mission is None or not mission.pk:
        return ElectionRound.objects.none()
    return ElectionRound.objects.filter(election_id__in=mission.election_ids()).select_related(
        "election"
    )


def limit_rounds(fields, mission):
    for name in ("round", "rounds"):
        if name in fields:
            fields[name].queryset = mission_rounds(mission)


class RoundChoices:
    """For an admin page or an inline whose form has a `round` or `rounds` field."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_rounds(formset.form.base_fields, mission_of(obj) if obj else None)
        return formset

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            limit_rounds(form.base_fields, mission_of(obj))
        return form
