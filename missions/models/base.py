"""What the models share: natural-key managers, the slug rule, and the parts of a mission."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The mission-document format's slug: what the admin accepts must import back.
slug_validator = RegexValidator(
    r"^[a-z0-9]+(-[a-z0-9]+)*$",
    _("Use lowercase letters, digits and single hyphens, e.g. kz-senate-2017."),
)
# Links the public pages show: web addresses only.
web_url_validator = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://.")
)


def public_flag():
    """Whether a published mission reaches the record: derived, kept by missions.visibility."""
    return models.BooleanField(
        _("public"),
        default=False,
        editable=False,
        help_text=_("Reached by a published mission; recomputed after every write."),
    )


def stored_count(verbose_name):
    """How many published missions a record counts: derived, kept by missions.public_flags."""
    return models.PositiveIntegerField(
        verbose_name,
        default=0,
        editable=False,
        help_text=_("Counted from published missions; recomputed after every write."),
    )


def derived_count(verbose_name):
    """A count a record's own rows give, stored for the public pages: kept by missions.stored."""
    return models.PositiveIntegerField(
        verbose_name,
        default=0,
        editable=False,
        help_text=_("Counted from the mission's records; recomputed after every write."),
    )


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class UidManager(models.Manager):
    def get_by_natural_key(self, uid):
        return self.get(uid=uid)


class SlugKeyed(models.Model):
    """A shared record found by its slug: mission, election, organization, person."""

    objects = SlugManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)


class UidKeyed(models.Model):
    """A record known by a stable uid in fixtures, history and natural-key dumps."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = UidManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (str(self.uid),)


class MissionPart(UidKeyed):
    """A record that belongs to one mission, directly or through another part: a stable uid
    for fixtures and history, and its position among its siblings."""

    order = models.PositiveIntegerField(_("order"), default=0)

    # The foreign key to what the part belongs to (the mission or another part).
    parent_field = "mission"

    class Meta:
        abstract = True


class OfficeHeld(MissionPart):
    """A part that names a person, with the office they held at the time."""

    position = models.CharField(
        _("position"),
        max_length=300,
        blank=True,
        help_text=_("The office held at the time."),
    )

    class Meta:
        abstract = True


def staff_account(verbose_name):
    """A staff account a record is stamped with (who published, created, changed it)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=verbose_name,
    )


def check_within_mission(record):
    mission = getattr(record, "mission", None) if record.mission_id else None
    if mission and record.date and not mission.contains_date(record.date):
        raise ValidationError(
            {
                "date": _("The date must fall within the mission (%(starts)s to %(ends)s).")
                % {
                    "starts": mission.starts.isoformat(),
                    "ends": mission.ends.isoformat(),
                }
            }
        )


def paragraphs(text):
    """Plain text split on blank lines, as staff are told to write it."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]
