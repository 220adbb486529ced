"""Helpers the public views share: growing lists, mission cards, navigation sections."""

import math

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, F, IntegerField, Subquery, Value, Window
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

from ..prepared import Prepared

RELATED_LIST_LENGTH = 10  # rows per section on country, person, organization and region pages


def by_shown_name():
    """An organization list's order in the reader's language: by the name the page shows
    (the English one where a Russian name is missing), then by primary key, so records with
    one name keep one order on every database and every page of a list."""
    language = (get_language() or "en")[:2]
    if language == "en":
        return ["name_en", "pk"]
    shown = Coalesce(NullIf(F(f"name_{language}"), Value("")), F("name_en"))
    return [shown.asc(), "pk"]


class RowCount(Subquery):
    """How many rows a queryset holds, as a scalar subquery of the outer query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


class Latest:
    """The first rows of a list that grows with the archive, and how many there are in all.

    One query: the total comes with the rows from a scalar subquery over the same list, which
    the database reads once (from an index where it can), while the rows are read in order
    up to the limit. A window count made it build and sort the whole list first (the 1,700
    missions of a body: 36 ms on SQLite, for ten). A ``distinct()`` queryset would count
    before removing duplicates, so it costs a second query, a plain count.
    """

    def __init__(self, queryset, length=RELATED_LIST_LENGTH):
        queryset = settled(queryset)
        if queryset.query.distinct:
            items = list(queryset[:length])
            total = queryset.count() if len(items) == length else len(items)
            self.show(items, total)
        else:
            self.show_counted(list(counted(queryset)[:length]))

    def show(self, items, total):
        self.items = items
        self.total = total
        self.more = self.total > len(self.items)

    def show_counted(self, items):
        self.show(items, items[0].rows_in_all if items else 0)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __bool__(self):
        return bool(self.items)


def counted(queryset):
    """The rows, each with the number of rows in all (`rows_in_all`)."""
    return queryset.annotate(rows_in_all=RowCount(queryset.order_by().values("pk")))


class LatestOf:
    """Latest() of a queryset built around one value, its query compiled once per connection
    and language (missions.prepared); the queryset must not be distinct()."""

    def __init__(self, build, length=RELATED_LIST_LENGTH):
        self.query = Prepared(lambda value: counted(settled(build(value)))[:length])

    def get(self, value):
        latest = Latest.__new__(Latest)
        latest.show_counted(self.query.rows(value))
        return latest


def settled(queryset):
    """The queryset in its order, the primary key last: rows that tie on the order come in
    the order they were created, whichever index the database reads them along."""
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
    if ordering and ordering[-1].lstrip("-") not in ("pk", "id"):
        return queryset.order_by(*ordering, "pk")
    return queryset


class IdsFirstPaginator(Paginator):
    """Pages a queryset by picking the page's ids first (the list's order, limited to the
    page), with the list's total beside each (`COUNT(*) OVER ()`), and only then reading those
    rows from `rows` (the same records with their joins): the joins run for one page's rows,
    not for every row of the list before it is sorted (on PostgreSQL the 1,692 missions
    matching "election"), and the list is matched once, not again for the paginator's count.
    The order is `settled`, so rows that tie on it come in one order on every page. Only
    `page=last` and orphans, which need the count first, count apart."""

    def __init__(self, object_list, per_page, *, rows, **kwargs):
        super().__init__(settled(object_list), per_page, **kwargs)
        self.rows = rows

    def page(self, number):
        if self.orphans or "count" in self.__dict__:  # counted already (page=last)
            page = super().page(number)
            return self.read(page, page.object_list.values("pk"))
        number = self._validate_number(number, math.inf)
        bottom = (number - 1) * self.per_page
        picked = self.object_list.annotate(total=Window(Count("*"))).values_list("pk", "total")
        picked = list(picked[bottom : bottom + self.per_page])
        if not picked and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        self.count = picked[0][1] if picked else 0
        self.validate_number(number)  # an empty first page, if it is not allowed
        page = self._get_page(self.object_list[bottom : bottom + len(picked)], number, self)
        return self.read(page, [pk for pk, _total in picked])

    def read(self, page, chosen):
        """The page with its rows read from `rows`, the chosen ids in the list's order."""
        order = self.object_list.query.order_by
        page.object_list = self.rows.filter(pk__in=chosen).order_by(*order)
        return page


class SectionMixin:
    """Names the navigation item a page belongs to."""

    section = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


def mission_cards(queryset):
    """Missions as shown in lists: with the election, host country and observing body."""
    return queryset.select_related("election__country", "observer_body")
