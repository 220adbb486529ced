"""Filters for the public mission list; every choice offered comes from published missions."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .models import Country, Election, Mission, Organization
from .visibility import public_delegations, public_documents, public_missions


# A published mission's host, sending nations and observing body are public by definition,
# so the choices need not go through the wider (and slower) visibility querysets.
def host_countries(request=None):
    return Country.objects.filter(pk__in=public_missions().values("election__country_id"))


def sending_nations(request=None):
    return Country.objects.filter(pk__in=public_delegations().values("country_id"))


def observing_organizations(request=None):
    return Organization.objects.filter(pk__in=public_missions().values("observer_body_id"))


def mission_years():
    years = public_missions().dates("starts", "year", order="DESC")
    return [(day.year, str(day.year)) for day in years]


SORT_CHOICES = [("newest", _("Newest first")), ("oldest", _("Oldest first"))]


class MissionFilter(django_filters.FilterSet):
    """Search, filter and sort the published missions."""

    q = django_filters.CharFilter(label=_("Search titles, summaries and findings"), method="search")
    country = django_filters.ModelChoiceFilter(
        label=_("Host country"),
        field_name="election__country",
        to_field_name="code",
        queryset=host_countries,
        empty_label=_("Any country"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="starts__year",
        choices=mission_years,
        empty_label=_("Any year"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Election kind"),
        field_name="election__kind",
        choices=Election.Kind.choices,
        empty_label=_("Any kind"),
    )
    monitoring = django_filters.ChoiceFilter(
        label=_("Monitoring"),
        choices=Mission.Monitoring.choices,
        empty_label=_("Any monitoring"),
    )
    observer = django_filters.ModelChoiceFilter(
        label=_("Observing organization"),
        field_name="observer_body",
        to_field_name="slug",
        queryset=observing_organizations,
        empty_label=_("Any organization"),
    )
    sender = django_filters.ModelChoiceFilter(
        label=_("Sending nation"),
        to_field_name="code",
        queryset=sending_nations,
        empty_label=_("Any nation"),
        method="sent_by",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        empty_label=None,
        method="sort_by",
    )

    class Meta:
        model = Mission
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        findings = public_documents().filter(mission=OuterRef("pk"), findings__icontains=value)
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__icontains=value) | Exists(findings)
        )

    def sent_by(self, queryset, name, value):
        if not value:
            return queryset
        sent = public_delegations().filter(mission=OuterRef("pk"), country=value)
        return queryset.filter(Exists(sent))

    def sort_by(self, queryset, name, value):
        if value == "oldest":
            return queryset.order_by("starts", "title")
        return queryset.order_by("-starts", "title")
