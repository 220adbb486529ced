"""Filters for the recommendations database and the statistics page."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import Assessment, Country, Mission, Organization, Recommendation
from ..visibility import public_recommendations
from .choices import ChoiceFilter, FilterSet, ModelChoiceFilter
from .missions import observing_organizations, prebuilt

NOT_ASSESSED = "none"


def recommendation_status_choices():
    return [*Assessment.Status.choices, (NOT_ASSESSED, _("not assessed yet"))]


def recommendation_years():
    """The years of published recommendations, newest first, from their missions' start days
    (SQLite would truncate each recommendation's date to its year with a Python function)."""
    days = public_recommendations().order_by().values_list("mission__starts", flat=True)
    years = sorted({day.year for day in days.distinct()}, reverse=True)
    return [(year, str(year)) for year in years]


class RecommendationFilter(FilterSet):
    """Filter the recommendations of published missions; `latest_status` is annotated."""

    country = ModelChoiceFilter(
        label=_("Country"),
        field_name="mission__election__country",
        to_field_name="code",
        queryset=lambda request: Country.objects.filter(
            pk__in=public_recommendations().values("mission__election__country_id")
        ),
        keep="recommendation-countries",
        empty_label=_("Any country"),
    )
    observer = ModelChoiceFilter(
        label=_("Observing organization"),
        field_name="mission__observer_body",
        to_field_name="slug",
        queryset=lambda request: Organization.objects.filter(
            pk__in=public_recommendations().values("mission__observer_body_id")
        ),
        keep="recommendation-observers",
        empty_label=_("Any organization"),
    )
    topic = ChoiceFilter(
        label=_("Topic"), choices=Recommendation.Topic.choices, empty_label=_("Any topic")
    )
    priority = ChoiceFilter(
        label=_("Priority"),
        choices=[("yes", _("priority only")), ("no", _("not priority"))],
        empty_label=_("Any"),
        method="by_priority",
    )
    year = ChoiceFilter(
        label=_("Year"),
        field_name="mission__starts__year",
        choices=recommendation_years,
        keep="recommendation-years",
        empty_label=_("Any year"),
    )
    status = ChoiceFilter(
        label=_("Latest status"),
        choices=recommendation_status_choices,
        empty_label=_("Any status"),
        method="by_status",
    )

    class Meta:
        model = Recommendation
        fields = []

    def by_priority(self, queryset, name, value):
        return queryset.filter(priority=value == "yes") if value else queryset

    def by_status(self, queryset, name, value):
        if value == NOT_ASSESSED:
            return queryset.filter(latest_status__isnull=True)
        return queryset.filter(latest_status=value) if value else queryset


class StatisticsFilter(FilterSet):
    """The missions the statistics count: by observer body and period (years, inclusive)."""

    observer = ModelChoiceFilter(
        label=_("Observing organization"),
        field_name="observer_body",
        to_field_name="slug",
        queryset=prebuilt(observing_organizations),
        keep="observing-organizations",
        empty_label=_("Any organization"),
    )
    since = django_filters.NumberFilter(
        label=_("From the year"), field_name="starts__year", lookup_expr="gte", min_value=1900
    )
    until = django_filters.NumberFilter(
        label=_("To the year"), field_name="starts__year", lookup_expr="lte", max_value=2200
    )

    class Meta:
        model = Mission
        fields = []
