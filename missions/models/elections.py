"""Elections, which one or several missions observe."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..routes import slug_path
from .base import SlugKeyed, public_flag, slug_validator
from .bilingual import either, require_one_language
from .people import Organization
from .places import Country


class Election(SlugKeyed):
    """An election or referendum in a host country."""

    class Kind(models.TextChoices):
        PRESIDENTIAL = "presidential", _("presidential")
        PARLIAMENTARY = "parliamentary", _("parliamentary")
        PARLIAMENTARY_UPPER = "parliamentary-upper", _("parliamentary (upper chamber)")
        REFERENDUM = "referendum", _("referendum")
        LOCAL = "local", _("local")

    slug = models.SlugField(_("slug"), max_length=100, unique=True, validators=[slug_validator])
    name = models.CharField(
        _("name"), max_length=300, blank=True, help_text=_("In English or in Russian, or both.")
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="elections",
        verbose_name=_("country"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    voting_day = models.DateField(_("voting day"), help_text=_("The (first) voting day."))
    body = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="elections",
        null=True,
        blank=True,
        verbose_name=_("body elected"),
    )
    is_public = public_flag()

    class Meta:
        ordering = ["-voting_day", "name", "id"]  # one order for elections of one day and name
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        indexes = [models.Index(fields=["kind"], name="election_kind_idx")]

    def __str__(self):
        return either(self, "name") or self.slug

    def get_absolute_url(self):
        return slug_path("missions:election_detail", self.slug)

    def clean(self):
        require_one_language(self, ["name"])
