"""Admin forms: the rules a staff member must meet, reported next to the field at fault."""

import datetime
import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _

from missions import publishing
from missions.models import Document, Meeting, Mission, Visit, VisitStage

SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def slash_readings(value):
    """The dates a day/month/year with slashes could mean, as ISO strings (both if two)."""
    match = SLASHED.match(value)
    if not match:
        return []
    first, second, year = (int(part) for part in match.groups())
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(datetime.date(year, month, day).isoformat())
        except ValueError:
            continue
    return sorted(set(readings))


class StaffDateField(forms.DateField):
    """A date in ISO (2016-12-11) or day.month.year (11.12.2016); never a guess at slashes."""

    input_formats = ["%Y-%m-%d", "%d.%m.%Y"]  # in either admin language
    default_error_messages = {
        "invalid": _("Enter the date as 2016-12-11 or 11.12.2016 (day, month, year)."),
    }

    def to_python(self, value):
        if isinstance(value, str) and len(slash_readings(value)) > 1:
            one, other = slash_readings(value)
            raise ValidationError(
                _(
                    "%(value)s can be read as %(one)s or as %(other)s: "
                    "enter it as 2016-12-11 or 11.12.2016 (day, month, year)."
                ),
                code="ambiguous",
                params={"value": value.strip(), "one": one, "other": other},
            )
        return super().to_python(value)


def staff_date_field(field):
    """The same date field, reading only the unambiguous forms."""
    staff = StaffDateField(
        required=field.required,
        label=field.label,
        help_text=field.help_text,
        initial=field.initial,
        widget=field.widget,
        disabled=field.disabled,
    )
    staff.validators = field.validators
    staff.widget.attrs.setdefault("placeholder", _("2016-12-11 or 11.12.2016"))
    return staff


def one_line_end(value):
    """Text with the browser's CRLF (or a lone CR) turned into LF, as the pages split on it."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class AdminForm(forms.ModelForm):
    """A staff form: unambiguous dates, one kind of line end, and a model's error on a field
    the form lacks shown above the form, named."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if type(field) is forms.DateField:
                self.fields[name] = staff_date_field(field)

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            cleaned[name] = one_line_end(value)
        return cleaned

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            kept = {}
            for field, messages in errors.error_dict.items():
                key = field if field in self.fields else NON_FIELD_ERRORS
                if key != field and field != NON_FIELD_ERRORS:
                    label = field_label(self.instance, field)
                    messages = [f"{label}: {text}" for text in ValidationError(messages).messages]
                kept.setdefault(key, []).extend(messages)
            errors = ValidationError(kept)
        super()._update_errors(errors)


def field_label(record, name):
    """The verbose name of `name` (`title_en` -> "title"), or the name itself."""
    try:
        return str(
            record._meta.get_field(name.removesuffix("_en").removesuffix("_ru")).verbose_name
        )
    except FieldDoesNotExist:
        return name


class MissionForm(AdminForm):
    """The mission form; `user` is set per request by the admin."""

    user = None
    saving_as_new = False

    class Meta:
        model = Mission
        fields = (
            "title",
            "slug",
            "election",
            "also_observed",
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

    def clean(self):
        cleaned = super().clean()
        if "also_observed" in cleaned:  # the parts' round checks see the elections as posted
            self.instance.posted_also_observed = list(cleaned["also_observed"])
        election, also = cleaned.get("election"), cleaned.get("also_observed")
        if election and also and "also_observed" not in self.errors:
            try:
                Mission(election=election).check_also_observed(also)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class DocumentForm(AdminForm):
    """A document: the rounds it covers must be rounds of an election the mission observed."""

    class Meta:
        model = Document
        fields = (
            "mission",
            "kind",
            "date",
            "title",
            "language",
            "issuer",
            "co_issuers",
            "url",
            "rounds",
            "findings",
            "body",
            "order",
        )

    def clean(self):
        cleaned = super().clean()
        rounds = cleaned.get("rounds")
        mission = cleaned.get("mission") or getattr(self.instance, "mission", None)
        if rounds and mission is not None and mission.pk and "rounds" not in self.errors:
            try:
                Document(mission=mission).check_rounds(rounds)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class VisitForm(AdminForm):
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
            "country",
            "round",
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
        if form.cleaned_data.get("kind") == Meeting.Kind.MILESTONE:
            return  # a milestone may lie before or after the mission: the model checks it
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
        abroad = form.cleaned_data.get("country")
        if abroad and region.country_id != abroad.pk:
            form.add_error("region", _("The region must be in the country abroad chosen."))
        elif not abroad and region.country_id != mission.election.country_id:
            form.add_error("region", _("The region must be in the election's host country."))


class OptionalFormSet(forms.BaseInlineFormSet):
    """An inline a post may leave out: without its management form it changes nothing
    (a script or an older form that knows nothing of the section keeps working)."""

    def __init__(self, data=None, *args, **kwargs):
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        self.left_out = data is not None and f"{prefix}-TOTAL_FORMS" not in data
        if self.left_out:
            data = data.copy()
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        super().__init__(data, *args, **kwargs)
