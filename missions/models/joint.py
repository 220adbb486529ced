"""What a mission says about itself: partner bodies, phases, figures and sources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import MissionPart, web_url_validator
from .missions import Mission
from .people import Organization, Person


def language_field():
    return models.CharField(
        _("language"), max_length=2, blank=True, help_text=_("ISO 639-1 code, e.g. en or ru.")
    )


class MissionPartner(MissionPart):
    """Another body that observed jointly with the mission's observer body."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="partners", verbose_name=_("mission")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("partner body"),
    )
    head = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="partner_parts_led",
        null=True,
        blank=True,
        verbose_name=_("head"),
        help_text=_("Who led this body's part; a member of one of the mission's delegations."),
    )
    role = models.CharField(
        _("role"),
        max_length=300,
        blank=True,
        help_text=_('The head\'s title in the joint mission, e.g. "Special Co-ordinator".'),
    )

    class Meta:
        ordering = ["mission", "order", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "organization"], name="partner_once_per_mission"
            ),
        ]

    def __str__(self):
        return str(self.organization)

    def clean(self):
        errors = {}
        if self.mission_id and self.organization_id == self.mission.observer_body_id:
            errors["organization"] = _("The observer body itself is not a partner.")
        if self.mission_id and self.head_id and not self.mission.has_member(self.head_id):
            errors["head"] = _("The head must be a member of one of the mission's delegations.")
        if errors:
            raise ValidationError(errors)


class MissionPhase(MissionPart):
    """A long-term or short-term part of a mission, within its dates."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="phases", verbose_name=_("mission")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Mission.Monitoring.choices)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))

    class Meta:
        ordering = ["mission", "starts", "order", "id"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")), name="phase_ends_after_starts"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts} – {self.ends}"

    def clean(self):
        if not (self.starts and self.ends):
            return
        if self.ends < self.starts:
            raise ValidationError({"ends": _("The phase cannot end before it starts.")})
        mission = self.mission if self.mission_id else None
        if mission and not (
            mission.contains_date(self.starts) and mission.contains_date(self.ends)
        ):
            raise ValidationError(
                {
                    "starts": _("A phase lies within the mission (%(starts)s to %(ends)s).")
                    % {"starts": mission.starts.isoformat(), "ends": mission.ends.isoformat()}
                }
            )


class FiguresManager(models.Manager):
    def get_by_natural_key(self, mission_slug):
        return self.get(mission__slug=mission_slug)


def count_field(verbose_name, help_text):
    """A non-negative count as the source states it; empty when the source does not."""
    return models.PositiveIntegerField(verbose_name, null=True, blank=True, help_text=help_text)


# The contract's keys of `figures`, in its order.
FIGURE_KEYS = (
    "observers",
    "long_term_observers",
    "short_term_observers",
    "parliamentarians",
    "experts",
    "staff",
    "countries",
    "polling_stations",
    "regions",
)


class MissionFigures(models.Model):
    """The counts a source states for a mission, each optional, and what they count."""

    KEYS = FIGURE_KEYS
    parent_field = "mission"

    mission = models.OneToOneField(
        Mission, on_delete=models.CASCADE, related_name="figures", verbose_name=_("mission")
    )
    observers = count_field(_("observers"), _("All observers."))
    long_term_observers = count_field(_("long-term observers"), "")
    short_term_observers = count_field(_("short-term observers"), "")
    parliamentarians = count_field(_("parliamentarians"), "")
    experts = count_field(_("experts"), _("Core team and analysts."))
    staff = count_field(_("staff"), "")
    countries = count_field(_("countries"), _("Countries the observers came from."))
    polling_stations = count_field(
        _("polling stations"), _("Polling stations visited on the whole mission.")
    )
    regions = count_field(_("regions"), _("Regions covered."))
    figures_note = models.TextField(
        _("note on the figures"),
        blank=True,
        help_text=_(
            "What the figures count when the source qualifies them; requested or approximate "
            "figures go here, not in the counts."
        ),
    )

    objects = FiguresManager()

    class Meta:
        ordering = ["mission"]
        verbose_name = _("figures")
        verbose_name_plural = _("figures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{key}__gte": 0}) | models.Q(**{f"{key}__isnull": True}),
                name=f"figures_{key}_not_negative",
            )
            for key in FIGURE_KEYS
        ]

    def __str__(self):
        return _("Figures of %(mission)s") % {"mission": self.mission}

    def natural_key(self):
        return self.mission.natural_key()

    natural_key.dependencies = ["missions.mission"]

    def stated(self):
        """{key: count} of the figures the source states."""
        return {key: getattr(self, key) for key in self.KEYS if getattr(self, key) is not None}


class MissionSource(MissionPart):
    """A publication the mission's facts come from, with its title as printed."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="sources", verbose_name=_("mission")
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        validators=[web_url_validator],
        help_text=_("Starting with http:// or https://."),
    )
    title = models.CharField(
        _("title"),
        max_length=500,
        help_text=_("As printed, in the source's own language; not translated."),
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    language = language_field()

    class Meta:
        ordering = ["mission", "order", "id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language="") | models.Q(language__regex=r"^[a-z]{2}$"),
                name="source_language_iso639_1",
            ),
        ]

    def __str__(self):
        return self.title
