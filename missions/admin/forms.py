"""Admin forms: the rules a staff member must meet, reported next to the field at fault."""

from django import forms
from django.utils.translation import gettext_lazy as _

from missions import publishing
from missions.models import Mission, Visit, VisitStage


class MissionForm(forms.ModelForm):
    """The mission form; `user` is set per request by the admin."""

    user = None
    saving_as_new = False

    class Meta:
        model = Mission
        fields = (
            "title",
            "slug",
            "election",
            "observer_body",
            "monitoring",
            "starts",
            "ends",
            "coordinator",
            "summary",
            "status",
        )

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.saving_as_new:
            return Mission.Status.DRAFT
        before = self.initial.get("status", Mission.Status.DRAFT)
        if not publishing.may_change_status(self.user, before, status):
            raise forms.ValidationError(
                _("Only publishers may publish or unpublish a mission; send it for review instead.")
            )
        return status

    def clean_coordinator(self):
        coordinator = self.cleaned_data.get("coordinator")
        if coordinator and (self.instance.pk is None or self.saving_as_new):
            raise forms.ValidationError(
                _(
                    "Save the mission and add its delegations and members first; "
                    "the coordinator must be one of the members."
                )
            )
        return coordinator


class VisitForm(forms.ModelForm):
    """A visit: stages as checkboxes; observers must be members of the mission."""

    stages = forms.MultipleChoiceField(
        label=_("stages observed"),
        choices=VisitStage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Visit
        fields = (
            "mission",
            "date",
            "region",
            "stages",
            "observers",
            "stations_visited",
            "notes",
            "order",
        )

    def clean(self):
        cleaned = super().clean()
        observers = cleaned.get("observers")
        if observers and "observers" not in self.errors:
            try:
                self.instance.check_observers(observers)
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned


class MissionPartFormSet(forms.BaseInlineFormSet):
    """Checks the mission's parts against the mission as posted, also before it is saved."""

    def clean(self):
        super().clean()
        mission = self.instance
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            self.check_date(form, mission)
            self.check_region(form, mission)

    def check_date(self, form, mission):
        day = form.cleaned_data.get("date")
        if not (day and mission.starts and mission.ends) or "date" in form.errors:
            return
        if not mission.contains_date(day):
            form.add_error(
                "date",
                _("The date must fall within the mission (%(starts)s to %(ends)s).")
                % {"starts": mission.starts.isoformat(), "ends": mission.ends.isoformat()},
            )

    def check_region(self, form, mission):
        region = form.cleaned_data.get("region")
        if not (region and mission.election_id) or "region" in form.errors:
            return
        if region.country_id != mission.election.country_id:
            form.add_error("region", _("The region must be in the election's host country."))
