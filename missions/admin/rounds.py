"""Round choices limited to the rounds of the elections a mission observed."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse

from missions.models import ElectionRound

from .history import mission_of


def rounds_of(election_ids):
    """The rounds of these elections."""
    return ElectionRound.objects.filter(election_id__in=election_ids).select_related("election")


def mission_rounds(mission):
    """The rounds of the mission's main election and those it also observed; none if unsaved."""
    if mission is None or not mission.pk:
        return ElectionRound.objects.none()
    return rounds_of(mission.election_ids())


def posted_election_ids(data):
    """The main election and those also observed as a mission page posts (or asks for) them."""
    values = [data.get("election", ""), *data.getlist("also_observed")]
    return {int(value) for value in values if str(value).isdigit()}


def limit_rounds(fields, rounds):
    for name in ("round", "rounds"):
        if name in fields:
            fields[name].queryset = rounds


class RoundChoices:
    """For an admin page or an inline whose form has a `round` or `rounds` field."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_rounds(formset.form.base_fields, mission_rounds(mission_of(obj) if obj else None))
        return formset

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            limit_rounds(form.base_fields, mission_rounds(mission_of(obj)))
        return form


class PostedRoundChoices(RoundChoices):
    """On the mission page: the rounds of the elections chosen on it, also before the first
    save (the page's script fills the choices in when the election is chosen)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if request.method == "POST" and "election" in request.POST:
            limit_rounds(formset.form.base_fields, rounds_of(posted_election_ids(request.POST)))
        return formset


def rounds_view(model_admin, request):
    """The rounds of the elections named in the query, as choices for the mission page."""
    if not (
        model_admin.has_view_or_change_permission(request)
        or model_admin.has_add_permission(request)
    ):
        raise PermissionDenied
    rounds = rounds_of(posted_election_ids(request.GET))
    rounds = rounds.order_by("election__voting_day", "election_id", "number")
    return JsonResponse({"rounds": [{"id": r.pk, "text": str(r)} for r in rounds]})
