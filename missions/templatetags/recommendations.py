"""Labels for the recommendations database."""

from django import template
from django.db.models import Q
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
    by the latest assessment. One query: the first ten and how many in all."""
    rows = recommendation_rows(
        public_recommendations().filter(mission__election__country=country)
    ).filter(Q(latest_status__isnull=True) | ~Q(latest_status__in=CLOSED))
    open_rows = Latest(rows.order_by("-mission__starts", "number"))
    return {"recommendations": open_rows, "country": country}
