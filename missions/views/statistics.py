"""The statistics page: the archive's figures as charts with their tables, and as CSV."""

import csv
from functools import partial

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.vary import vary_on_headers
from django.views.generic import TemplateView

from .. import statistics
from ..aggregates import kept
from ..filters import StatisticsFilter
from ..mission_charts import MISSION_FIGURES
from ..spreadsheets import neutralize
from ..visibility import public_missions
from .mission_page import PUBLIC_PAGE
from .shared import SectionMixin


def selected_missions(request):
    """(filter, the published missions it selects); none when a filter value is invalid."""
    selection = StatisticsFilter(request.GET or None, queryset=public_missions())
    if selection.is_bound and not selection.is_valid():
        return selection, public_missions().none()
    return selection, selection.qs


def selection_name(selection):
    """The selection and the language, as a name for the figures' cache; None if invalid."""
    if selection.is_bound and not selection.is_valid():
        return None
    data = selection.form.cleaned_data if selection.is_bound else {}
    observer = data.get("observer")
    parts = [observer.slug if observer else "", data.get("since"), data.get("until")]
    return "|".join([get_language(), *("" if part is None else str(part) for part in parts)])


def counted_figure(key, selection, missions, limit=statistics.LATEST_MISSIONS):
    """One figure of the selection, counted once per data version (missions/aggregates.py)."""
    build = statistics.FIGURES[key]
    options = {"limit": limit} if build is statistics.stations_and_regions else {}
    count = partial(build, missions, **options)
    name = selection_name(selection)
    if name is None:  # an invalid selection selects nothing: nothing worth keeping
        return count()
    return kept(f"statistics|{key}|{options.get('limit', '')}|{name}", count)


# The parameters the page and its CSV files read: the page cache keys them (missions/cache.py).
SELECTION_PARAMETERS = tuple(StatisticsFilter.base_filters)


class StatisticsView(SectionMixin, TemplateView):
    template_name = "statistics/statistics.html"
    section = "statistics"
    query_parameters = SELECTION_PARAMETERS

    def get_context_data(self, **kwargs):
        selection, missions = selected_missions(self.request)
        query = self.request.GET.urlencode()
        figures = [counted_figure(key, selection, missions) for key in statistics.FIGURES]
        for figure in figures:
            url = reverse("missions:statistics_csv", kwargs={"key": figure.key})
            figure.csv_url = f"{url}?{query}" if query else url
        return super().get_context_data(
            filter=selection,
            figures=figures,
            mission_count=missions.count(),
            **kwargs,
        )


@method_decorator(vary_on_headers("Accept-Language"), name="dispatch")
class StatisticsCSVView(View):
    """One figure's data as CSV, for the same selection as the page."""

    query_parameters = SELECTION_PARAMETERS

    def get(self, request, key):
        if key not in statistics.FIGURES:
            raise Http404
        selection, missions = selected_missions(request)
        return csv_response(counted_figure(key, selection, missions, limit=None))


@method_decorator(vary_on_headers("Accept-Language"), name="dispatch")
class MissionChartCSVView(View):
    """One of a published mission's small charts as CSV."""

    def get(self, request, slug, key):
        build = MISSION_FIGURES.get(key)
        if build is None:
            raise Http404
        mission = PUBLIC_PAGE.get(slug)
        if mission is None:
            raise Http404
        return csv_response(build(mission))


def csv_response(figure):
    """The figure's table as a CSV download, every cell safe from spreadsheet formulas."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{figure.key}.csv"'
    writer = csv.writer(response)
    for row in figure.csv_rows():
        writer.writerow([neutralize(str(cell)) for cell in row])
    return response
