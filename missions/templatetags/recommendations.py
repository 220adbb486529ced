"""Labels for the recommendations database."""

from django import template
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from missions.models import Assessment, Election
from missions.views.recommendations import recommendation_rows
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
        recommendation_rows(
            public_recommendations().filter(
                mission__election__in=Election.objects.filter(country=country)
            )
        )
        .alias(status_or_none=Coalesce("latest_status", Value("")))
        .exclude(status_or_none__in=CLOSED)
        .order_by("-mission__starts", "number")
    )
)


@register.inclusion_tag("recommendations/open_recommendations.html")
def open_recommendations(country):
    """Recommendations to the country still open: not assessed, or not fully implemented
    by the latest assessment. One query: the first ten and how many in all. The latest status
    is a subquery the ORM builds again wherever it is named (3-8 ms at 2,000 missions), so the
    filter names it once; the missions are found from the country's elections, by index."""
    return {"recommendations": OPEN.get(country.pk), "country": country}
