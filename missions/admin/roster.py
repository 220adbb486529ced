"""A mission's roster as a spreadsheet: one row per member (name, country, role, position).

A CSV file may come as UTF-8 (with or without a BOM) or Windows-1251, with commas, semicolons
or tabs between the columns, as spreadsheet programs write it. Rows are matched to people on
file by Latin name, original-script name and slug, ignoring case and the ё/е difference."""

import csv
import os
import re
import secrets
import time
from pathlib import Path

import tablib
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

from missions import spreadsheets
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


# Header spellings a secretariat's spreadsheet may use, to the roster's columns.
HEADERS = {
    "имя": "name",
    "фио": "name",
    "страна": "country",
    "роль": "role",
    "position (en)": "position",
    "position_en": "position",
    "position (ru)": "position_ru",
    "должность": "position_ru",
}

CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)


def delimiter_of(text):
    """The column separator of the header line: a comma, semicolon or tab."""
    header = text.lstrip().partition("\n")[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


class RosterCSV(spreadsheets.CSV):
    """CSV in any of the encodings and separators spreadsheet programs write."""

    def is_binary(self):
        return True  # read as bytes: the encoding is found from the content

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        text = in_stream if isinstance(in_stream, str) else spreadsheets.decode_csv(in_stream)
        return tablib.import_set(text, format="csv", delimiter=delimiter_of(text))


FORMATS = (RosterCSV, spreadsheets.XLSX)  # cells neutralized on export
EXTENSIONS = {"csv": 0, "txt": 0, "tsv": 0, "xlsx": 1}


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
        self.fields["format"].required = False
        self.fields["format"].help_text = gettext_lazy(
            "Found from the file's name (.csv or .xlsx) when left empty."
        )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload and not cleaned.get("format"):
            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            if extension not in EXTENSIONS:
                self.add_error(
                    "format",
                    _("Choose the format: %(name)s is neither .csv nor .xlsx.")
                    % {"name": upload.name},
                )
            else:
                cleaned["format"] = str(EXTENSIONS[extension])
        choice = cleaned.get("format")
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


def name_key(text):
    """A name as compared: case folded, ё as е, single spaces."""
    return " ".join((text or "").casefold().replace("ё", "е").split())


def latin(text):
    """A Cyrillic name in Latin letters (a simple transliteration), for the slug and `name`."""
    letters = []
    for char in text:
        lower = char.lower()
        out = CYRILLIC.get(lower, char)
        out = "" if out == "-" else out
        letters.append(out.capitalize() if char != lower else out)
    return "".join(letters)


def is_cyrillic(text):
    return any(char.lower() in CYRILLIC for char in text)


class PeopleOnFile:
    """Everyone on file, by each of their names and slug as compared (one query per import)."""

    def __init__(self):
        self.index = {}
        for person in Person.objects.only("pk", "name", "name_original", "slug", "country"):
            for key in {name_key(person.name), name_key(person.name_original), person.slug}:
                if key:
                    self.index.setdefault(key, {})[person.pk] = person

    def find(self, name):
        """The people the roster's name may mean: by name, original name or slug."""
        found = {}
        for key in (name_key(name), slugify(latin(name))):
            found |= self.index.get(key, {})
        return list(found.values())

    def find_or_make(self, name, country=None):
        """(person, created): the one person the name means, or a new one."""
        people = self.find(name)
        if len(people) > 1:
            raise ValidationError(
                {
                    "name": _("Several people are called %(name)s; add this one by hand.")
                    % {"name": name}
                }
            )
        if people:
            return people[0], False
        original = name if is_cyrillic(name) else ""
        latin_name = latin(name) if original else name
        base = slugify(latin_name) or "person"
        slug, number = base, 2
        while Person.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        person = Person.objects.create(
            name=latin_name, name_original=original, slug=slug, country=country
        )
        self.index.setdefault(name_key(name), {})[person.pk] = person
        return person, True


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
    person_found = fields.Field(attribute="person_found", column_name="person", readonly=True)
    role = fields.Field(attribute="role", column_name="role")
    # By the column's header, whatever the admin's language: `position` is the English.
    position = fields.Field(attribute="position_en", column_name="position")
    position_ru = fields.Field(attribute="position_ru", column_name="position_ru")

    class Meta:
        model = DelegationMember
        fields = ("name", "country", "person_found", "role", "position", "position_ru")
        import_id_fields = ("name",)
        skip_unchanged = True

    def __init__(self, mission=None, **kwargs):
        super().__init__(**kwargs)
        self.mission = mission
        self.resolved = None
        self.people = None

    def dehydrate_country(self, member):
        sender = member.delegation.country or member.delegation.organization
        return getattr(sender, "code", None) or getattr(sender, "slug", "")

    def before_import(self, dataset, **kwargs):
        headers = [(header or "").strip() for header in dataset.headers or []]
        dataset.headers = [HEADERS.get(header.lower(), header.lower()) for header in headers]
        self.people = PeopleOnFile()

    def dehydrate_person_found(self, member):
        return getattr(member, "person_found", "")

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
        for column in ("position", "position_ru"):
            row[column] = (row.get(column) or "").strip()
        found = find_sender(sender)
        delegation, _created = Delegation.objects.get_or_create(mission=self.mission, **found)
        if self.people is None:
            self.people = PeopleOnFile()
        person, created = self.people.find_or_make(name, found.get("country"))
        note = (
            _("will create a person")
            if created
            else _("matches existing person %(person)s") % {"person": describe(person)}
        )
        self.resolved = (delegation, person, note)

    def get_instance(self, instance_loader, row):
        delegation, person, note = self.resolved
        member = DelegationMember.objects.filter(delegation=delegation, person=person).first()
        if member is not None:
            member.person_found = note
        return member

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if self.mission is not None:
            search_index_update(missions=[self.mission])

    def init_instance(self, row=None):
        delegation, person, note = self.resolved
        order = delegation.members.count()
        member = DelegationMember(delegation=delegation, person=person, order=order)
        member.person_found = note
        return member


def describe(person):
    """A person as the preview names them: Latin name, original name, slug."""
    names = [person.name]
    if person.name_original and person.name_original != person.name:
        names.append(person.name_original)
    return f"{' / '.join(names)} ({person.slug})"
