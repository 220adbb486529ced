"""What a mission did: meetings with their counterparts, and the documents it issued."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import MissionPart, OfficeHeld, check_within_mission, paragraphs, web_url_validator
from .bilingual import either, missing_languages
from .missions import Mission
from .people import Organization, Person


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


class Meeting(MissionPart):
    """A meeting, briefing, press conference or milestone of a mission."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        BRIEFING = "briefing", _("briefing")
        PRESS_CONFERENCE = "press-conference", _("press conference")
        MILESTONE = "milestone", _("milestone")

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

    class Meta:
        # Dated meetings first, then those the source gives without a date.
        ordering = ["mission", models.F("date").asc(nulls_last=True), "order", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        label = self.host or self.place or self.get_kind_display()
        return f"{self.date.isoformat() if self.date else ''} {label}".strip()

    def summary_paragraphs(self):
        return paragraphs(self.summary)

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
        # The documents feed: the newest first, read along the index until twenty are public.
        indexes = [models.Index(fields=["date", "id"], name="document_date_idx")]

    def __str__(self):
        return either(self, "title")

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
        return paragraphs(self.body)
