"""A mission's roster as a spreadsheet: one row per member (name, country, role, position)."""

import os
import re
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.tmp_storages import BaseStorage

from missions.models import Country, Delegation, DelegationMember, Mission, Organization, Person
from missions.search.index import search_index_update
from missions.spreadsheets import check_roster_file

UPLOAD_NAME = re.compile(r"[0-9a-f]{32}")
UPLOAD_LIFETIME = 24 * 60 * 60  # seconds an unconfirmed upload is kept


class RosterUploadStorage(BaseStorage):
    """An uploaded roster between its preview and the confirmation: kept in a private folder
    (settings.ROSTER_UPLOAD_DIR) under a random name the server chose; any other name is refused."""

    def save(self, data):
        folder = upload_folder()
        remove_stale_uploads(folder)
        self.name = secrets.token_hex(16)
        descriptor = os.open(self.path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)

    def read(self):
        with open(self.path(), self.read_mode, encoding=self.encoding) as file:
            return file.read()

    def remove(self):
        self.path().unlink(missing_ok=True)

    def path(self):
        if not is_upload_name(self.name):
            raise SuspiciousFileOperation(f"Not a roster upload name: {self.name!r}")
        return upload_folder() / self.name


def upload_folder():
    folder = Path(settings.ROSTER_UPLOAD_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def is_upload_name(name):
    return isinstance(name, str) and UPLOAD_NAME.fullmatch(name) is not None


def remove_stale_uploads(folder):
    """Delete uploads previewed more than UPLOAD_LIFETIME ago and never confirmed."""
    cutoff = time.time() - UPLOAD_LIFETIME
    for path in folder.iterdir():
        if is_upload_name(path.name) and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


class RosterImportForm(ImportForm):
    mission = forms.ModelChoiceField(
        label=gettext_lazy("mission"),
        queryset=Mission.objects.all(),
        help_text=gettext_lazy("The mission whose delegations the roster fills."),
    )
    field_order = ["mission", "resource", "import_file", "format"]

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self):
        cleaned = super().clean()
        upload, choice = cleaned.get("import_file"), cleaned.get("format")
        if upload and choice not in (None, ""):
            kind = self.formats[int(choice)]().get_title()
            try:
                check_roster_file(upload, kind)
            except ValidationError as error:
                self.add_error("import_file", error)
        return cleaned


class RosterConfirmForm(ConfirmImportForm):
    mission = forms.ModelChoiceField(queryset=Mission.objects.all(), widget=forms.HiddenInput)

    def clean_import_file_name(self):
        """Only a name the server chose for an upload still waiting to be confirmed."""
        name = self.cleaned_data["import_file_name"]
        if not is_upload_name(name):
            raise SuspiciousFileOperation(f"Not a roster upload name: {name!r}")
        if not (upload_folder() / name).is_file():
            raise ValidationError(
                _(
                    "This upload is no longer on the server (already imported, or not confirmed "
                    "within a day). Upload the roster again."
                )
            )
        return name


def find_sender(value):
    """The sending nation (ISO code or name) or, failing that, the sending body."""
    country = Country.objects.filter(Q(code__iexact=value) | Q(name__iexact=value)).first()
    if country:
        return {"country": country}
    body = Organization.objects.filter(
        Q(slug__iexact=value) | Q(short_name__iexact=value) | Q(name__iexact=value)
    ).first()
    if body:
        return {"organization": body}
    raise ValidationError(
        {"country": _("Unknown sending nation or body: %(value)s") % {"value": value}}
    )


def find_or_make_person(name):
    people = list(Person.objects.filter(name__iexact=name)[:2])
    if len(people) > 1:
        raise ValidationError(
            {
                "name": _("Several people are called %(name)s; add this one by hand.")
                % {"name": name}
            }
        )
    if people:
        return people[0]
    base = slugify(name) or "person"
    slug, number = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return Person.objects.create(name=name, slug=slug)


def parse_role(value):
    value = (value or "").strip().lower()
    if not value:
        return DelegationMember.Role.OBSERVER
    for role in DelegationMember.Role:
        if value in (role.value, str(role.label).lower()):
            return role.value
    raise ValidationError({"role": _("Unknown role: %(value)s") % {"value": value}})


class RosterResource(resources.ModelResource):
    """Reads a roster into one mission's delegations; writes any members out."""

    # Read-only: rows are matched to people and delegations in before_import_row.
    name = fields.Field(attribute="person__name", column_name="name", readonly=True)
    country = fields.Field(
        attribute="delegation__country__code", column_name="country", readonly=True
    )
    role = fields.Field(attribute="role", column_name="role")
    position = fields.Field(attribute="position", column_name="position")

    class Meta:
        model = DelegationMember
        fields = ("name", "country", "role", "position")
        import_id_fields = ("name",)
        skip_unchanged = True

    def __init__(self, mission=None, **kwargs):
        super().__init__(**kwargs)
        self.mission = mission
        self.resolved = None

    def dehydrate_country(self, member):
        sender = member.delegation.country or member.delegation.organization
        return getattr(sender, "code", None) or getattr(sender, "slug", "")

    def before_import_row(self, row, **kwargs):
        if self.mission is None:
            raise ValidationError(_("Choose the mission the roster belongs to."))
        name = (row.get("name") or "").strip()
        sender = (row.get("country") or "").strip()
        if not name:
            raise ValidationError({"name": _("The name is missing.")})
        if not sender:
            raise ValidationError({"country": _("The country is missing.")})
        row["role"] = parse_role(row.get("role"))
        row["position"] = (row.get("position") or "").strip()
        delegation, _created = Delegation.objects.get_or_create(
            mission=self.mission, **find_sender(sender)
        )
        self.resolved = (delegation, find_or_make_person(name))

    def get_instance(self, instance_loader, row):
        delegation, person = self.resolved
        return DelegationMember.objects.filter(delegation=delegation, person=person).first()

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if self.mission is not None:
            search_index_update(missions=[self.mission])

    def init_instance(self, row=None):
        delegation, person = self.resolved
        order = delegation.members.count()
        return DelegationMember(delegation=delegation, person=person, order=order)
