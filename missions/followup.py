"""The follow-up of recommendations: each one's latest public assessment."""

from django.db.models import OuterRef, Subquery

from .visibility import public_assessments

# Newest first: by the assessing report's date, then its mission's start.
NEWEST_FIRST = ("-document__date", "-document__mission__starts", "-id")


def with_latest_status(recommendations):
    """Each recommendation with `latest_status`: its newest public assessment's, or None."""
    latest = public_assessments().filter(recommendation=OuterRef("pk")).order_by(*NEWEST_FIRST)
    return recommendations.annotate(latest_status=Subquery(latest.values("status")[:1]))
