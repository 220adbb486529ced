"""Countries and the regions inside them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .base import public_flag


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
        return reverse("missions:country_detail", kwargs={"code": self.code.lower()})


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

    objects = RegionManager()

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="region_unique_name_in_country"
            ),
        ]

    def __str__(self):
        return f"{self.local_name} ({self.country.code})"

    @property
    def local_name(self):
        """The Russian name on the Russian site when there is one, else the English."""
        if get_language() == "ru" and self.name_ru:
            return self.name_ru
        return self.name

    def natural_key(self):
        return (self.country.code, self.name)

    natural_key.dependencies = ["missions.country"]
