"""Visits to polling regions on election day, and the stages observers watched."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import MissionPart, check_within_mission
from .missions import DelegationMember, Mission, check_round_of_mission
from .people import Person
from .places import Country, Region


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
