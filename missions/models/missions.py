"""Missions and the national delegations that form their observer teams."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import (
    MissionPart,
    OfficeHeld,
    SlugKeyed,
    SlugManager,
    paragraphs,
    slug_validator,
    staff_account,
)
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
    title = models.CharField(_("title"), max_length=300)
    election = models.ForeignKey(
        Election,
        on_delete=models.PROTECT,
        related_name="missions",
        verbose_name=_("election"),
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

    objects = MissionManager()

    class Meta:
        ordering = ["-starts", "title"]
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
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("missions:mission_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def summary_paragraphs(self):
        return paragraphs(self.summary)

    def clean(self):
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("The mission cannot end before it starts.")})
        if self.coordinator_id and self.pk:
            members = DelegationMember.objects.filter(
                delegation__mission=self, person_id=self.coordinator_id
            )
            if not members.exists():
                raise ValidationError(
                    {
                        "coordinator": _(
                            "The coordinator must be a member of one of the delegations."
                        )
                    }
                )

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
            models.UniqueConstraint(
                fields=["mission", "country"],
                name="delegation_unique_country_per_mission",
            ),
            models.UniqueConstraint(
                fields=["mission", "organization"],
                name="delegation_unique_body_per_mission",
            ),
        ]

    def __str__(self):
        return str(self.sender or _("(no sender)"))

    @property
    def sender(self):
        return self.country or self.organization

    def clean(self):
        if bool(self.country_id) == bool(self.organization_id):
            raise ValidationError(
                {"country": _("Choose either a sending nation or a sending body, exactly one.")}
            )


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
