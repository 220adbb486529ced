"""Organizations and people; offices live where a person appears, not here."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import page_scope
from ..routes import slug_path
from .base import SlugKeyed, public_flag, slug_validator, web_url_validator
from .bilingual import either, missing_languages
from .places import Country


class Organization(SlugKeyed):
    """An assembly, legislature, commission, party, court or other body."""

    class Kind(models.TextChoices):
        ASSEMBLY = "assembly", _("assembly")
        LEGISLATURE = "legislature", _("legislature")
        ELECTION_COMMISSION = "election-commission", _("election commission")
        GOVERNMENT = "government", _("government")
        SECRETARIAT = "secretariat", _("secretariat")
        INSTITUTE = "institute", _("institute")
        PARTY = "party", _("party")
        CAMPAIGN = "campaign", _("campaign headquarters")
        COURT = "court", _("court")
        MINISTRY = "ministry", _("ministry")
        CIVIL_SOCIETY = "civil-society", _("civil society")
        MEDIA = "media", _("media")
        INTERNATIONAL = "international", _("international body")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), max_length=100, unique=True, validators=[slug_validator])
    name = models.CharField(
        _("name"), max_length=300, blank=True, help_text=_("In English or in Russian, or both.")
    )
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("An abbreviation such as IPA CIS."),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="organizations",
        null=True,
        blank=True,
        verbose_name=_("country"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        verbose_name=_("parent organization"),
        help_text=_("The body this one belongs to, e.g. the parliament of a chamber."),
    )
    url = models.URLField(
        _("website"),
        max_length=500,
        blank=True,
        validators=[web_url_validator],
        help_text=_("The body's website, starting with http:// or https://."),
    )
    is_public = public_flag()

    class Meta:
        ordering = ["name", "id"]  # one order for bodies of one name, on every database
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return either(self, "short_name") or either(self, "name") or self.slug

    def get_absolute_url(self):
        return slug_path("missions:organization_detail", self.slug)

    def clean(self):
        errors = missing_languages(self, ["name"])
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                errors["parent"] = _("An organization cannot be its own ancestor.")
                break
            ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)


class Person(SlugKeyed):
    """A person: observer, official met, or speaker."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True, validators=[slug_validator])
    name = models.CharField(_("name"), max_length=200, help_text=_("The name in Latin script."))
    name_original = models.CharField(
        _("name in original script"),
        max_length=200,
        blank=True,
        help_text=_("The name as written in its own script, e.g. Cyrillic."),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("country"),
    )
    is_public = public_flag()

    class Meta:
        ordering = ["name", "id"]  # one order for people of one name, on every database
        indexes = [
            models.Index(fields=["is_public", "name"], name="person_public_idx"),
            # A country's people (country page, the people index's country choices)
            models.Index(fields=["country", "is_public", "name"], name="person_country_public_idx"),
            # The sitemap's people section, in slug order
            models.Index(fields=["is_public", "slug"], name="person_public_slug_idx"),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.local_name

    def get_absolute_url(self):
        return slug_path("missions:person_detail", self.slug)

    @property
    def local_name(self):
        """On the Russian site, the name in Cyrillic when there is one; else the Latin."""
        if page_scope.language() == "ru" and is_cyrillic(self.name_original):
            return self.name_original
        return self.name

    @property
    def other_name(self):
        """The spelling not shown as `local_name` (Latin beside Cyrillic and back), if any."""
        return self.shown_names()[1]

    def shown_names(self):
        """(local_name, other_name), the language looked up once (a page shows a hundred)."""
        local = self.local_name
        other = self.name if local != self.name else self.name_original
        return local, (other if other != local else "")

    @property
    def other_name_language(self):
        """A `lang` for `other_name`."""
        return spelling_language(self.other_name)


def spelling_language(text):
    """A `lang` for a spelling of a name: Cyrillic is marked ru, a Latin spelling en."""
    return "ru" if is_cyrillic(text) else "en"


def is_cyrillic(text):
    """True if the text has letters and they are mostly Cyrillic."""
    if text.isascii():  # a Latin spelling: no Cyrillic letter (a page checks a hundred)
        return False
    letters = [c for c in text if c.isalpha()]
    cyrillic = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    return bool(letters) and len(cyrillic) * 2 > len(letters)
