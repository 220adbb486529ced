"""The public search page: everything public, grouped by kind, ranked, with snippets."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from ..filters import MissionFilter
from ..search.query import KINDS, search
from ..search.words import clean
from ..visibility import public_missions
from .public import SectionMixin

PER_PAGE = 20
PER_GROUP = 5
MAX_PAGE = 500


def page_number(value):
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def mission_filters(request):
    """The mission list's filters given with the search, or None; their form for errors."""
    data = request.GET.copy()
    for name in ("q", "show", "page"):
        data.pop(name, None)
    if not any(data.get(name) for name in MissionFilter.base_filters):
        return None, None
    filters = MissionFilter(data, queryset=public_missions(), request=request)
    if not filters.is_valid():
        return public_missions().none(), filters.form
    return filters.qs, filters.form


class SearchView(SectionMixin, TemplateView):
    template_name = "missions/search.html"
    section = "search"

    def get_context_data(self, **kwargs):
        text = clean(self.request.GET.get("q", ""))
        show = self.request.GET.get("show")
        show = show if show in KINDS else None
        number = page_number(self.request.GET.get("page"))
        missions, filter_form = mission_filters(self.request)
        query, totals, groups = search(
            text,
            kind=show,
            page=number,
            per_page=PER_PAGE,
            per_group=PER_GROUP,
            missions=missions,
        )
        page_obj = None
        if show:
            page_obj = Paginator(range(totals[show]), PER_PAGE).get_page(number)
        return super().get_context_data(
            q=text,
            query=query,
            show=show,
            totals=totals,
            total=sum(totals.values()),
            groups=groups,
            page_obj=page_obj,
            filtered=missions is not None,
            filter_form=filter_form,
            single_words=single_words(query),
            **kwargs,
        )


def single_words(query):
    """For an empty result of several terms: each term alone, to try instead."""
    if len(query.terms) < 2:
        return []
    return [" ".join(term) for term in query.terms]
