"""The recommendations database: every recommendation of published missions, its follow-up."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView
from django_filters.views import FilterView

from ..filters import RecommendationFilter
from ..visibility import public_assessments, public_recommendations
from .shared import SectionMixin

# Newest first: by the assessing report's date, then its mission's start.
NEWEST_FIRST = ("-document__date", "-document__mission__starts", "-id")


def with_latest_status(recommendations):
    """Each recommendation with `latest_status`: its newest public assessment's, or None."""
    latest = public_assessments().filter(recommendation=OuterRef("pk")).order_by(*NEWEST_FIRST)
    return recommendations.annotate(latest_status=Subquery(latest.values("status")[:1]))


def recommendation_rows(recommendations):
    """Recommendations as listed: with their mission, host country, body and report."""
    return with_latest_status(recommendations).select_related(
        "mission__election__country", "mission__observer_body", "document"
    )


class RecommendationListView(SectionMixin, FilterView):
    filterset_class = RecommendationFilter
    template_name = "recommendations/recommendation_list.html"
    paginate_by = 20
    section = "recommendations"

    def get_queryset(self):
        return recommendation_rows(public_recommendations()).order_by(
            "-mission__starts", "mission__title", "number"
        )


class RecommendationDetailView(SectionMixin, DetailView):
    template_name = "recommendations/recommendation_detail.html"
    section = "recommendations"
    context_object_name = "recommendation"

    def get_object(self, queryset=None):
        assessments = public_assessments().select_related(
            "document__mission__election__country", "document__mission__observer_body"
        )
        rows = recommendation_rows(public_recommendations()).prefetch_related(
            Prefetch(
                "assessments",
                queryset=assessments.order_by(*NEWEST_FIRST),
                to_attr="public_assessments",
            )
        )
        return get_object_or_404(
            rows, mission__slug=self.kwargs["slug"], number=self.kwargs["number"]
        )
