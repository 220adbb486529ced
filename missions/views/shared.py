"""Helpers the public views share: growing lists, mission cards, navigation sections."""

from django.db.models import Count, Window

RELATED_LIST_LENGTH = 10  # rows per section on country, person, organization and region pages


class Latest:
    """The first rows of a list that grows with the archive, and how many there are in all.

    One query: the total comes with the rows as a window count over the whole list. A
    ``distinct()`` queryset would count before removing duplicates, so it costs a second
    query, a plain count.
    """

    def __init__(self, queryset, length=RELATED_LIST_LENGTH):
        if queryset.query.distinct:
            self.items = list(queryset[:length])
            self.total = queryset.count() if len(self.items) == length else len(self.items)
        else:
            counted = queryset.annotate(rows_in_all=Window(Count("pk")))
            self.items = list(counted[:length])
            self.total = self.items[0].rows_in_all if self.items else 0
        self.more = self.total > len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __bool__(self):
        return bool(self.items)


class SectionMixin:
    """Names the navigation item a page belongs to."""

    section = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


def mission_cards(queryset):
    """Missions as shown in lists: with the election, host country and observing body."""
    return queryset.select_related("election__country", "observer_body")
