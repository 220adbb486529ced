"""The recommendations database: every recommendation of published missions, its follow-up."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView
from django_filters.views import FilterView

from ..filters import RecommendationFilter
from ..followup import NEWEST_FIRST, with_latest_status
from ..visibility import public_assessments, public_recommendations
from .shared import SectionMixin


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
