"""Which countries belong to which organizations, and since when."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import UidKeyed
from .people import Organization
from .places import Country


class OrganizationMembership(UidKeyed):
    """A country's membership of an organization (an assembly's member nation), with dates."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("country"),
    )
    since = models.DateField(_("since"), null=True, blank=True, help_text=_("Empty if unknown."))
    until = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Empty while the country is a member.")
    )

    class Meta:
        ordering = ["organization", "country__name", "since"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "country", "since"], name="membership_unique_start"
            ),
            models.CheckConstraint(
                condition=models.Q(since__isnull=True)
                | models.Q(until__isnull=True)
                | models.Q(until__gte=models.F("since")),
                name="membership_until_after_since",
            ),
        ]

    def __str__(self):
        return f"{self.country} — {self.organization}"

    def clean(self):
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("A membership cannot end before it begins.")})
        if self.organization_id and self.country_id and self.overlapping().exists():
            raise ValidationError(
                {"since": _("This country already has a membership of this body for that time.")}
            )

    def overlapping(self):
        """Other memberships of the same country and body whose time overlaps this one's."""
        others = OrganizationMembership.objects.filter(
            organization_id=self.organization_id, country_id=self.country_id
        ).exclude(pk=self.pk)
        if self.until:
            others = others.filter(models.Q(since__isnull=True) | models.Q(since__lte=self.until))
        if self.since:
            others = others.filter(models.Q(until__isnull=True) | models.Q(until__gte=self.since))
        return others
