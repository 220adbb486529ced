"""What a mission did: meetings, visits to regions, and the documents it issued."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bilingual import either, missing_languages
from .missions import DelegationMember, Mission, UidManager, check_round_of_mission
from .people import Organization, Person, web_url_validator
from .places import Country, Region


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


def years_from(day, years):
    """The same calendar day `years` later (or earlier); 28 February for a 29th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check_milestone_date(meeting):
    """A milestone lies at most a year before the mission starts or after it ends."""
    mission = meeting.mission
    earliest, latest = years_from(mission.starts, -1), years_from(mission.ends, 1)
    if not earliest <= meeting.date <= latest:
        raise ValidationError(
            {
                "date": _(
                    "A milestone lies at most a year before or after the mission "
                    "(%(earliest)s to %(latest)s)."
                )
                % {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
            }
        )


class Meeting(models.Model):
    """A meeting, briefing, press conference or milestone of a mission."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        BRIEFING = "briefing", _("briefing")
        PRESS_CONFERENCE = "press-conference", _("press conference")
        MILESTONE = "milestone", _("milestone")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("mission"),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "Empty when the source gives none. Within the mission's dates; a milestone up to "
            "a year before or after."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.MEETING,
        help_text=_(
            "A milestone is a step that is not a meeting: the decision to send the mission, "
            "the invitation, accreditation, deployment."
        ),
    )
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
    summary = models.TextField(_("summary"), blank=True, help_text=_("A milestone needs one."))
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = UidManager()

    class Meta:
        # Dated meetings first, then those the source gives without a date.
        ordering = ["mission", models.F("date").asc(nulls_last=True), "order", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        label = self.host or self.place or self.get_kind_display()
        return f"{self.date.isoformat() if self.date else ''} {label}".strip()

    def natural_key(self):
        return (str(self.uid),)

    def clean(self):
        if self.kind != self.Kind.MILESTONE:
            check_within_mission(self)
            return
        errors = missing_languages(self, ["summary"])
        if errors:
            raise ValidationError(
                {"summary_en": _("A milestone needs a summary of what happened.")}
            )
        if self.mission_id and self.date:
            check_milestone_date(self)


class MeetingCounterpart(models.Model):
    """A person met on the host side, with the office held at the time."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
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
    position = models.CharField(
        _("position"),
        max_length=300,
        blank=True,
        help_text=_("The office held at the time."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = UidManager()

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

    def natural_key(self):
        return (str(self.uid),)


class VisitStage(models.TextChoices):
    """Stages of election day an observer can watch."""

    OPENING = "opening", _("opening")
    VOTING = "voting", _("voting")
    COUNTING = "counting", _("counting")
    TABULATION = "tabulation", _("tabulation")


def order_stages(stages):
    known = list(VisitStage.values)
    return sorted(set(stages), key=known.index)


class Visit(models.Model):
    """Observers' visit to a polling region on a given day."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
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
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="visits_abroad",
        null=True,
        blank=True,
        verbose_name=_("country abroad"),
        help_text=_(
            "Only for polling stations abroad: the country the region is in. "
            "Empty: the host country."
        ),
    )
    round = models.ForeignKey(
        "missions.ElectionRound",
        on_delete=models.PROTECT,
        related_name="visits",
        null=True,
        blank=True,
        verbose_name=_("round"),
    )
    stages = models.JSONField(
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
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = UidManager()

    class Meta:
        ordering = ["mission", "date", "order", "id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        region = self.region.name if self.region_id else ""
        return f"{self.date.isoformat() if self.date else ''} {region}".strip()

    def natural_key(self):
        return (str(self.uid),)

    def save(self, *args, **kwargs):
        self.stages = order_stages(self.stages or [])
        super().save(*args, **kwargs)

    def stage_labels(self):
        return [VisitStage(stage).label for stage in self.stages]

    def clean(self):
        check_within_mission(self)
        unknown = sorted(set(self.stages or []) - set(VisitStage.values))
        if unknown:
            raise ValidationError({"stages": _("Unknown stage: %s") % ", ".join(unknown)})
        if not self.mission_id:
            return
        host_id = self.mission.election.country_id
        if self.country_id and self.country_id == host_id:
            raise ValidationError(
                {"country": _("Leave this empty for the host country; it is for visits abroad.")}
            )
        if self.region_id and self.region.country_id != (self.country_id or host_id):
            if self.country_id:
                message = _("The region must be in the country abroad chosen.")
            else:
                message = _("The region must be in the election's host country.")
            raise ValidationError({"region": message})
        if self.round_id:
            check_round_of_mission(self, self.mission)

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


class Document(models.Model):
    """A statement, report or press release the mission issued."""

    class Kind(models.TextChoices):
        LTM_REPORT = "ltm-report", _("long-term monitoring report")
        PRELIMINARY_STATEMENT = "preliminary-statement", _("preliminary statement")
        STATEMENT = "statement", _("statement")
        FINAL_REPORT = "final-report", _("final report")
        PRESS_RELEASE = "press-release", _("press release")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("mission"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("In English or in Russian, or both.")
    )
    issuer = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="documents_issued",
        null=True,
        blank=True,
        verbose_name=_("issuer"),
        help_text=_("Empty: the mission's observer body. A partner's document names its issuer."),
    )
    co_issuers = models.ManyToManyField(
        Organization,
        related_name="documents_co_issued",
        blank=True,
        verbose_name=_("co-issuers"),
        help_text=_("Further bodies that issued a joint statement."),
    )
    url = models.URLField(
        _("address of the original"),
        max_length=500,
        blank=True,
        validators=[web_url_validator],
        help_text=_("Where the original is published (http or https)."),
    )
    rounds = models.ManyToManyField(
        "missions.ElectionRound",
        related_name="documents",
        blank=True,
        verbose_name=_("rounds"),
        help_text=_("The rounds the document covers; a final report may cover several."),
    )
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
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = UidManager()

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
        return either(self, "title")

    def natural_key(self):
        return (str(self.uid),)

    @property
    def issued_by(self):
        """The issuer, or the mission's observer body when none is named."""
        return self.issuer if self.issuer_id else self.mission.observer_body

    def clean(self):
        errors = missing_languages(self, ["title"])
        if errors:
            raise ValidationError(errors)

    def check_rounds(self, rounds):
        """Raise unless each round is a round of an election the mission observed."""
        allowed = self.mission.election_ids()
        if any(r.election_id not in allowed for r in rounds):
            raise ValidationError(
                {"rounds": _("Each round must be a round of an election this mission observed.")}
            )

    def findings_list(self):
        return [line.strip() for line in self.findings.splitlines() if line.strip()]

    def body_paragraphs(self):
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]
