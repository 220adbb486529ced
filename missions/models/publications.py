"""What a document carries beyond its text: the original files, recommendations, assessments."""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .activities import Document
from .base import MissionPart
from .bilingual import either, missing_languages
from .missions import Mission

MAX_FILE_SIZE = 20 * 1024 * 1024  # 20 MB, the contract's limit for one file

# The file kinds accepted, by extension: (media type, what the content must be).
FILE_KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def sniff(fileobj):
    """The kind ("pdf", "docx", "odt") the content is, or None; reads the head and the zip index."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and "content.xml" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return "odt" if declared == FILE_KINDS["odt"] else None
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        fileobj.seek(0)
    return None


def validate_document_file(value):
    """Refuse anything but a PDF, DOCX or ODT of at most 20 MB whose content matches its name."""
    if getattr(value, "_committed", False):
        return  # already in the storage: checked when it was uploaded
    name = PurePath(value.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if value.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("%(name)s is %(size).1f MB; a file may be at most 20 MB."),
            code="file_too_large",
            params={"name": name, "size": value.size / 1024 / 1024},
        )
    if extension not in FILE_KINDS:
        raise ValidationError(
            _("%(name)s: only PDF, DOCX and ODT files are accepted."),
            code="file_kind",
            params={"name": name},
        )
    found = sniff(value.file if hasattr(value, "file") else value)
    if found != extension:
        raise ValidationError(
            _("%(name)s is not a %(kind)s file inside: only PDF, DOCX and ODT files are accepted."),
            code="file_content",
            params={"name": name, "kind": extension.upper()},
        )


def file_path(record, filename):
    """documents/<uid>/<name>: a fresh folder per file, so no upload replaces another."""
    return f"documents/{record.uid}/{PurePath(filename).name}"


class DocumentFile(MissionPart):
    """The original publication of a document as a file (PDF, DOCX or ODT) in the storage."""

    parent_field = "document"

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name=_("document")
    )
    file = models.FileField(
        _("file"),
        upload_to=file_path,
        max_length=300,
        validators=[validate_document_file],
        help_text=_("PDF, DOCX or ODT, at most 20 MB."),
    )
    language = models.CharField(
        _("language"), max_length=2, blank=True, help_text=_("ISO 639-1 code, e.g. en or ru.")
    )
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_('A label such as "Statement (PDF)".')
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    media_type = models.CharField(_("media type"), max_length=100, blank=True, editable=False)

    class Meta:
        ordering = ["document", "order", "id"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language="") | models.Q(language__regex=r"^[a-z]{2}$"),
                name="file_language_iso639_1",
            ),
            models.CheckConstraint(
                condition=models.Q(size__lte=MAX_FILE_SIZE), name="file_at_most_20_mb"
            ),
        ]

    def __str__(self):
        return either(self, "title") or self.filename

    @property
    def filename(self):
        return PurePath(self.file.name or "").name

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
            extension = self.filename.rsplit(".", 1)[-1].lower()
            self.media_type = FILE_KINDS.get(extension, "application/octet-stream")
        super().save(*args, **kwargs)


class RecommendationManager(models.Manager):
    def get_by_natural_key(self, mission_slug, number):
        return self.get(mission__slug=mission_slug, number=number)


class Recommendation(models.Model):
    """A recommendation a report made, numbered as printed, unique within the mission."""

    parent_field = "document"

    class Topic(models.TextChoices):
        LEGAL_FRAMEWORK = "legal-framework", _("legal framework")
        ELECTION_ADMINISTRATION = "election-administration", _("election administration")
        VOTER_REGISTRATION = "voter-registration", _("voter registration")
        CANDIDATE_REGISTRATION = "candidate-registration", _("candidate registration")
        CAMPAIGN = "campaign", _("campaign")
        CAMPAIGN_FINANCE = "campaign-finance", _("campaign finance")
        MEDIA = "media", _("media")
        COMPLAINTS_AND_APPEALS = "complaints-and-appeals", _("complaints and appeals")
        ELECTION_DAY = "election-day", _("election day")
        COUNTING_AND_TABULATION = "counting-and-tabulation", _("counting and tabulation")
        OBSERVERS = "observers", _("observers")
        PARTICIPATION_OF_WOMEN = "participation-of-women", _("participation of women")
        MINORITIES = "minorities", _("minorities")
        OTHER = "other", _("other")

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("document"),
    )
    # The document's mission, copied on save, so the database holds "unique within the mission".
    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        related_name="recommendations",
        editable=False,
        verbose_name=_("mission"),
    )
    number = models.PositiveIntegerField(
        _("number"), help_text=_("As printed in the report; unique within the mission.")
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("In English or in Russian, or both.")
    )
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices, blank=True)
    addressee = models.CharField(
        _("addressee"), max_length=300, blank=True, help_text=_('E.g. "the CEC", "the parliament".')
    )
    priority = models.BooleanField(
        _("priority"), default=False, help_text=_("One of the report's priority recommendations.")
    )
    # The newest published assessment's status, or "": derived, kept by missions.stored.
    latest_public_status = models.CharField(
        _("latest published status"),
        max_length=30,
        blank=True,
        default="",
        editable=False,
        help_text=_(
            "From the newest assessment of a published mission; recomputed after every write."
        ),
    )

    objects = RecommendationManager()

    class Meta:
        ordering = ["mission", "number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "number"], name="recommendation_unique_number_in_mission"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="recommendation_number_positive"
            ),
        ]

    def __str__(self):
        return _("Recommendation %(number)s") % {"number": self.number}

    def natural_key(self):
        return (self.mission.slug, self.number)

    natural_key.dependencies = ["missions.mission"]

    def get_absolute_url(self):
        return reverse(
            "missions:recommendation_detail",
            kwargs={"slug": self.mission.slug, "number": self.number},
        )

    def save(self, *args, **kwargs):
        self.mission_id = self.document.mission_id
        super().save(*args, **kwargs)

    def clean(self):
        if self.document_id:
            self.mission_id = self.document.mission_id
        errors = missing_languages(self, ["text"])
        if self.number is not None and self.number < 1:
            errors["number"] = _("A recommendation's number is a positive integer.")
        elif self.number is not None and self.mission_id and self.number_taken():
            errors["number"] = _("This mission already has a recommendation with this number.")
        if errors:
            raise ValidationError(errors)

    def number_taken(self):
        others = Recommendation.objects.filter(mission_id=self.mission_id, number=self.number)
        return others.exclude(pk=self.pk).exists()

    def validate_constraints(self, exclude=None):
        # clean() reports a repeated number next to `number`; the database holds it too.
        super().validate_constraints(exclude={*(exclude or ()), "mission"})


class Assessment(MissionPart):
    """How a mission found an earlier mission's recommendation implemented."""

    parent_field = "document"

    class Status(models.TextChoices):
        FULLY = "fully", _("fully implemented")
        MOSTLY = "mostly", _("mostly implemented")
        PARTIALLY = "partially", _("partially implemented")
        NOT_IMPLEMENTED = "not-implemented", _("not implemented")
        NO_LONGER_APPLICABLE = "no-longer-applicable", _("no longer applicable")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("document")
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("recommendation assessed"),
        help_text=_("A recommendation of an earlier mission."),
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["document", "order", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "recommendation"], name="assessment_once_per_document"
            ),
        ]

    def __str__(self):
        return f"{self.recommendation}: {self.get_status_display()}"

    def clean(self):
        if not (self.document_id and self.recommendation_id):
            return
        mission = self.document.mission
        earlier = self.recommendation.mission
        if earlier.pk == mission.pk or earlier.starts >= mission.starts:
            raise ValidationError(
                {"recommendation": _("Assess a recommendation of an earlier mission.")}
            )
