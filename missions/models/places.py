"""Countries and the regions inside them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import page_scope
from ..routes import one_value_path
from .base import public_flag, stored_count


class CountryManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(models.Model):
    """A country by its ISO 3166-1 alpha-2 code."""

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 code in capitals, e.g. KZ."),
    )
    name = models.CharField(_("name"), max_length=100)
    is_public = public_flag()
    # The countries index's columns (missions/visibility.py: country_counts)
    hosted = stored_count(_("missions hosted"))
    sent = stored_count(_("missions sent observers to"))
    # The country page's lists in all
    missions_observed = stored_count(_("missions observing elections here"))
    delegations_sent = stored_count(_("delegations sent"))

    objects = CountryManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_two_capitals",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)

    def get_absolute_url(self):
        return one_value_path("missions:country_detail", "code", self.code.lower())


class RegionManager(models.Manager):
    def get_by_natural_key(self, country_code, name):
        return self.get(country__code=country_code, name=name)


class Region(models.Model):
    """A region, city or district of a country where observers went."""

    class Kind(models.TextChoices):
        REGION = "region", _("region")
        CITY = "city", _("city")
        DISTRICT = "district", _("district")

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="regions",
        verbose_name=_("country"),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("As written in reports."))
    name_ru = models.CharField(
        _("name in Russian"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the Russian site; the English name stays the key."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    # Where the region is, for the mission page's map; a project extension of the documents.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees north (negative: south), e.g. 51.16; with the longitude."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees east (negative: west), e.g. 71.43; with the latitude."),
    )

    # The country page's regions, by visits (missions.stored)
    published_visits = stored_count(_("visits of published missions"))

    objects = RegionManager()

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="region_unique_name_in_country"
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="region_position_both_or_neither_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.local_name} ({self.country.code})"

    @property
    def local_name(self):
        """The Russian name on the Russian site when there is one, else the English."""
        if page_scope.language() == "ru" and self.name_ru:
            return self.name_ru
        return self.name

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError(
                {missing: _("Give both the latitude and the longitude, or neither.")}
            )

    @property
    def has_position(self):
        return self.latitude is not None and self.longitude is not None

    def natural_key(self):
        return (self.country.code, self.name)

    natural_key.dependencies = ["missions.country"]
