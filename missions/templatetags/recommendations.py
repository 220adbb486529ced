"""Labels for the recommendations database."""

from django import template
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from missions.followup import with_latest_status
from missions.models import Assessment, Election
from missions.views.shared import LatestOf
from missions.visibility import public_recommendations

register = template.Library()


@register.filter
def status_label(value):
    """The label of an assessment status ("mostly" -> "mostly implemented"), or "not assessed"."""
    if not value:
        return _("not assessed yet")
    return Assessment.Status(value).label


CLOSED = (Assessment.Status.FULLY, Assessment.Status.NO_LONGER_APPLICABLE)


# Compiled once per connection and language (missions.prepared), around the country's pk.
OPEN = LatestOf(
    lambda country: (
        with_latest_status(
            public_recommendations().filter(
                mission__election__in=Election.objects.filter(country=country)
            )
        )
        .select_related("mission__election__country")
        .alias(status_or_none=Coalesce("latest_status", Value("")))
        .exclude(status_or_none__in=CLOSED)
        .order_by("-mission__starts", "number")
    )
)


@register.inclusion_tag("recommendations/open_recommendations.html")
def open_recommendations(country):
    """Recommendations to the country still open: not assessed, or not fully implemented
    by the latest assessment. One query: the first ten and how many in all. The latest status
    is stored on the recommendation (missions.stored), where a nested subquery took PostgreSQL
    8.7 ms to plan; the card's mission, election and country are the only rows joined. The
    missions are found from the country's elections, by index (SQLite: 1.5 ms, where a join
    read every published mission by date to count them, 5.7 ms)."""
    return {"recommendations": OPEN.get(country.pk), "country": country}
