"""What a mission did: meetings, visits to regions, and the documents it issued."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import MissionPart, OfficeHeld, paragraphs
from .missions import DelegationMember, Mission
from .people import Organization, Person
from .places import Region


def check_within_mission(record):
    mission = getattr(record, "mission", None) if record.mission_id else None
    if mission and record.date and not mission.contains_date(record.date):
        raise ValidationError(
            {
                "date": _("The date must fall within the mission (%(starts)s to %(ends)s).")
                % {
                    "starts": mission.starts.isoformat(),
                    "ends": mission.ends.isoformat(),
                }
            }
        )


class Meeting(MissionPart):
    """A meeting, briefing or press conference during a mission."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        BRIEFING = "briefing", _("briefing")
        PRESS_CONFERENCE = "press-conference", _("press conference")

    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("mission"),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("City or venue."))
    host = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="meetings_hosted",
        null=True,
        blank=True,
        verbose_name=_("organization met"),
    )
    led_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="meetings_led",
        null=True,
        blank=True,
        verbose_name=_("led by"),
        help_text=_("Who led the mission's side."),
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["mission", "date", "order", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        label = self.host or self.place or self.get_kind_display()
        return f"{self.date.isoformat() if self.date else ''} {label}".strip()

    def summary_paragraphs(self):
        return paragraphs(self.summary)

    def clean(self):
        check_within_mission(self)


class MeetingCounterpart(OfficeHeld):
    """A person met on the host side, with the office held at the time."""

    parent_field = "meeting"

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="counterparts",
        verbose_name=_("meeting"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="counterpart_roles",
        verbose_name=_("person"),
    )

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("counterpart")
        verbose_name_plural = _("counterparts")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="counterpart_once_per_meeting"
            ),
        ]

    def __str__(self):
        return str(self.person)


class VisitStage(models.TextChoices):
    """Stages of election day an observer can watch."""

    OPENING = "opening", _("opening")
    VOTING = "voting", _("voting")
    COUNTING = "counting", _("counting")
    TABULATION = "tabulation", _("tabulation")


def order_stages(stages):
    known = list(VisitStage.values)
    return sorted(set(stages), key=known.index)


class StagesField(models.JSONField):
    """Stages stored in election-day order on every write path: Django calls pre_save() for
    save() and for bulk_create() alike."""

    def pre_save(self, model_instance, add):
        stages = order_stages(getattr(model_instance, self.attname) or [])
        setattr(model_instance, self.attname, stages)
        return stages

    def deconstruct(self):
        # The column is a plain JSONField; migrations need not know about the ordering.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs


class Visit(MissionPart):
    """Observers' visit to a polling region on a given day."""

    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name=_("mission"),
    )
    date = models.DateField(_("date"))
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("region"),
    )
    stages = StagesField(
        _("stages observed"),
        default=list,
        blank=True,
        help_text=_("Any of opening, voting, counting, tabulation."),
    )
    observers = models.ManyToManyField(
        Person, related_name="visits", blank=True, verbose_name=_("observers")
    )
    stations_visited = models.PositiveIntegerField(
        _("polling stations visited"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["mission", "date", "order", "id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        region = self.region.name if self.region_id else ""
        return f"{self.date.isoformat() if self.date else ''} {region}".strip()

    def stage_labels(self):
        return [VisitStage(stage).label for stage in self.stages]

    def clean(self):
        check_within_mission(self)
        unknown = sorted(set(self.stages or []) - set(VisitStage.values))
        if unknown:
            raise ValidationError({"stages": _("Unknown stage: %s") % ", ".join(unknown)})
        if self.region_id and self.mission_id:
            if self.region.country_id != self.mission.election.country_id:
                raise ValidationError(
                    {"region": _("The region must be in the election's host country.")}
                )

    def check_observers(self, people):
        """Raise unless every person is a member of the mission's delegations."""
        member_ids = set(
            DelegationMember.objects.filter(delegation__mission_id=self.mission_id).values_list(
                "person_id", flat=True
            )
        )
        strangers = [str(p) for p in people if p.pk not in member_ids]
        if strangers:
            raise ValidationError(
                {
                    "observers": _("Not a member of any delegation of this mission: %s")
                    % ", ".join(strangers)
                }
            )


class Document(MissionPart):
    """A statement, report or press release the mission issued."""

    class Kind(models.TextChoices):
        LTM_REPORT = "ltm-report", _("long-term monitoring report")
        PRELIMINARY_STATEMENT = "preliminary-statement", _("preliminary statement")
        STATEMENT = "statement", _("statement")
        FINAL_REPORT = "final-report", _("final report")
        PRESS_RELEASE = "press-release", _("press release")

    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("mission"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    findings = models.TextField(
        _("findings"),
        blank=True,
        help_text=_("One finding per line, each a sentence or a few."),
    )
    body = models.TextField(_("body"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        default="en",
        help_text=_("ISO 639-1 code, e.g. en or ru."),
    )

    class Meta:
        ordering = ["mission", "date", "order", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__regex=r"^[a-z]{2}$"),
                name="document_language_iso639_1",
            ),
        ]

    def __str__(self):
        return self.title

    def findings_list(self):
        return [line.strip() for line in self.findings.splitlines() if line.strip()]

    def body_paragraphs(self):
        return paragraphs(self.body)
