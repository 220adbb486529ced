"""The follow-up of recommendations: each one's latest public assessment."""

from django.db.models import F, Value
from django.db.models.functions import NullIf

# Newest first: by the assessing report's date, then its mission's start.
NEWEST_FIRST = ("-document__date", "-document__mission__starts", "-id")


def with_latest_status(recommendations):
    """Each recommendation with `latest_status`: its newest public assessment's, or None
    (stored on the recommendation, `missions.stored`; the recommendations are public ones)."""
    return recommendations.annotate(latest_status=NullIf(F("latest_public_status"), Value("")))
