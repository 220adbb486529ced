"""Labels for the recommendations database."""

from django import template
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from missions.models import Assessment
from missions.views.recommendations import recommendation_rows
from missions.views.shared import Latest
from missions.visibility import public_recommendations

register = template.Library()


@register.filter
def status_label(value):
    """The label of an assessment status ("mostly" -> "mostly implemented"), or "not assessed"."""
    if not value:
        return _("not assessed yet")
    return Assessment.Status(value).label


CLOSED = (Assessment.Status.FULLY, Assessment.Status.NO_LONGER_APPLICABLE)


@register.inclusion_tag("recommendations/open_recommendations.html")
def open_recommendations(country):
    """Recommendations to the country still open: not assessed, or not fully implemented
    by the latest assessment. One query: the first ten and how many in all. The latest status
    is a subquery the ORM builds again wherever it is named (3-8 ms at 2,000 missions), so the
    filter names it once; the missions are found from the country's elections, by index."""
    rows = (
        recommendation_rows(
            public_recommendations().filter(mission__election__in=country.elections.all())
        )
        .alias(status_or_none=Coalesce("latest_status", Value("")))
        .exclude(status_or_none__in=CLOSED)
    )
    open_rows = Latest(rows.order_by("-mission__starts", "number"))
    return {"recommendations": open_rows, "country": country}
