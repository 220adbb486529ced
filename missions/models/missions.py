"""Missions and the national delegations that form their observer teams."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..routes import slug_path
from .base import (
    MissionPart,
    OfficeHeld,
    SlugKeyed,
    SlugManager,
    derived_count,
    paragraphs,
    slug_validator,
    staff_account,
)
from .bilingual import either, missing_languages
from .elections import Election
from .people import Organization, Person
from .places import Country


class MissionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Mission.Status.PUBLISHED)

    def in_country(self, code):
        return self.filter(election__country__code=code.upper())

    def upcoming(self, today=None):
        return self.filter(ends__gte=today or timezone.localdate())


class MissionManager(SlugManager.from_queryset(MissionQuerySet)):
    pass


class Mission(SlugKeyed):
    """One observation mission to one election."""

    class Monitoring(models.TextChoices):
        SHORT_TERM = "short-term", _("short-term")
        LONG_TERM = "long-term", _("long-term")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("in review")
        PUBLISHED = "published", _("published")

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        validators=[slug_validator],
        help_text=_("Lowercase letters, digits and hyphens; part of the public address."),
    )
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("In English or in Russian, or both.")
    )
    election = models.ForeignKey(
        Election,
        on_delete=models.PROTECT,
        related_name="missions",
        verbose_name=_("election"),
    )
    also_observed = models.ManyToManyField(
        Election,
        related_name="missions_also_observing",
        blank=True,
        verbose_name=_("also observed"),
        help_text=_("Further elections held on the same voting day that this mission observed."),
    )
    observer_body = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="missions_observed",
        verbose_name=_("observing organization"),
    )
    monitoring = models.CharField(_("monitoring"), max_length=20, choices=Monitoring.choices)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    coordinator = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="missions_coordinated",
        null=True,
        blank=True,
        verbose_name=_("coordinator"),
        help_text=_("Must be a member of one of the mission's delegations."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Plain text; separate paragraphs with a blank line."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = staff_account(_("published by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = staff_account(_("created by"))
    updated_by = staff_account(_("updated by"))
    # What the home page's figures add up where the mission states none (missions.stored).
    named_observers = derived_count(_("observers named"))
    named_stations = derived_count(_("polling stations visited, summed"))

    objects = MissionManager()

    class Meta:
        ordering = ["-starts", "title", "id"]  # one order for missions of one day and title
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        permissions = [
            ("publish_mission", _("Can publish and unpublish missions")),
            ("import_missions", _("Can import mission documents and rosters")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")),
                name="mission_ends_after_starts",
            ),
        ]
        # The public list and home page filter on status and sort or bound by these dates.
        indexes = [
            models.Index(fields=["status", "starts"], name="mission_status_starts_idx"),
            models.Index(fields=["status", "ends"], name="mission_status_ends_idx"),
            models.Index(fields=["status", "published_at"], name="mission_status_published_idx"),
            models.Index(fields=["monitoring"], name="mission_monitoring_idx"),
            # Missions hosted per country (countries index): an election's published missions.
            models.Index(fields=["election", "status"], name="mission_election_status_idx"),
        ]

    def __str__(self):
        return either(self, "title") or self.slug

    def get_absolute_url(self):
        return slug_path("missions:mission_detail", self.slug)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def summary_paragraphs(self):
        return paragraphs(self.summary)

    def clean(self):
        errors = missing_languages(self, ["title"])
        if self.starts and self.ends and self.ends < self.starts:
            errors["ends"] = _("The mission cannot end before it starts.")
        known = self.pk or getattr(self, "posted_member_ids", None) is not None
        if self.coordinator_id and known and not self.has_member(self.coordinator_id):
            errors["coordinator"] = _("The coordinator must be a member of one of the delegations.")
        if errors:
            raise ValidationError(errors)

    def has_member(self, person_id):
        """Whether the person is on one of the delegations (as posted, on a mission page's save)."""
        posted = getattr(self, "posted_member_ids", None)
        if posted is not None:
            return person_id in posted
        return DelegationMember.objects.filter(
            delegation__mission=self, person_id=person_id
        ).exists()

    def check_also_observed(self, elections):
        """Raise unless each election is another one held on the main election's voting day."""
        main = self.election
        errors = []
        for election in elections:
            if election.pk == main.pk:
                errors.append(
                    _("%(election)s is the mission's main election.") % {"election": election}
                )
            elif election.voting_day != main.voting_day:
                errors.append(
                    _("%(election)s is held on %(day)s, not on the voting day %(main)s.")
                    % {
                        "election": election,
                        "day": election.voting_day.isoformat(),
                        "main": main.voting_day.isoformat(),
                    }
                )
        if errors:
            raise ValidationError({"also_observed": errors})

    def election_ids(self):
        """The main election and those also observed (as posted, on a mission page's save)."""
        posted = getattr(self, "posted_also_observed", None)
        if posted is not None:
            return {self.election_id, *(election.pk for election in posted)}
        if not self.pk:
            return {self.election_id}
        return {self.election_id, *self.also_observed.values_list("pk", flat=True)}

    def contains_date(self, day):
        return self.starts <= day <= self.ends


class Delegation(MissionPart):
    """The observers one member nation or one body sent to a mission."""

    mission = models.ForeignKey(
        Mission,
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("mission"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="delegations",
        null=True,
        blank=True,
        verbose_name=_("sending nation"),
        help_text=_("Fill in either the sending nation or the sending body, not both."),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="delegations",
        null=True,
        blank=True,
        verbose_name=_("sending body"),
    )
    partner = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="partner_delegations",
        null=True,
        blank=True,
        verbose_name=_("partner body"),
        help_text=_(
            "When this delegation belonged to a partner body's part of a joint mission; "
            "one of the mission's partners."
        ),
    )

    class Meta:
        ordering = ["mission", "order", "id"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(country__isnull=False, organization__isnull=True)
                    | models.Q(country__isnull=True, organization__isnull=False)
                ),
                name="delegation_sent_by_country_xor_organization",
            ),
            # One delegation per sender and partner (no partner: the observer body's team).
            models.UniqueConstraint(
                fields=["mission", "country"],
                condition=models.Q(partner__isnull=True),
                name="delegation_unique_country_per_mission",
            ),
            models.UniqueConstraint(
                fields=["mission", "organization"],
                condition=models.Q(partner__isnull=True),
                name="delegation_unique_body_per_mission",
            ),
            models.UniqueConstraint(
                fields=["mission", "partner", "country"],
                condition=models.Q(partner__isnull=False),
                name="delegation_unique_country_per_partner",
            ),
            models.UniqueConstraint(
                fields=["mission", "partner", "organization"],
                condition=models.Q(partner__isnull=False),
                name="delegation_unique_body_per_partner",
            ),
        ]
        # Missions a country sent observers to (countries index), read from the index alone.
        indexes = [models.Index(fields=["country", "mission"], name="delegation_country_idx")]

    def __str__(self):
        return str(self.sender or _("(no sender)"))

    @property
    def sender(self):
        return self.country or self.organization

    def clean(self):
        errors = {}
        if bool(self.country_id) == bool(self.organization_id):
            errors["country"] = _("Choose either a sending nation or a sending body, exactly one.")
        if self.partner_id and self.mission_id:
            if not self.mission.partners.filter(organization_id=self.partner_id).exists():
                errors["partner"] = _("The partner body must be one of the mission's partners.")
        if errors:
            raise ValidationError(errors)


class DelegationMember(OfficeHeld):
    """A person on a delegation, with the role and office held at the time."""

    parent_field = "delegation"

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        HEAD = "head", _("head of delegation")
        OBSERVER = "observer", _("observer")
        EXPERT = "expert", _("expert")
        STAFF = "staff", _("staff")

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("delegation"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OBSERVER)
    group = models.CharField(
        _("political group"), max_length=200, blank=True, help_text=_('E.g. "EPP".')
    )
    round = models.ForeignKey(
        "missions.ElectionRound",
        on_delete=models.PROTECT,
        related_name="delegation_members",
        null=True,
        blank=True,
        verbose_name=_("round"),
        help_text=_("The round the member observed, when the source says; empty: all rounds."),
    )

    class Meta:
        ordering = ["delegation", "order", "id"]
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "person"], name="member_once_per_delegation"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def clean(self):
        if self.round_id and self.delegation_id:
            check_round_of_mission(self, self.delegation.mission)


def check_round_of_mission(record, mission):
    """Raise unless the record's round is a round of an election the mission observed."""
    if mission is not None and record.round.election_id not in mission.election_ids():
        raise ValidationError(
            {"round": _("The round must be a round of an election this mission observed.")}
        )
