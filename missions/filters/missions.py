"""Filters for the public mission list; every choice offered comes from published missions."""

from functools import lru_cache

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..models import (
    Country,
    DelegationMember,
    Election,
    Meeting,
    MeetingCounterpart,
    Mission,
    Organization,
    Visit,
)
from ..search.query import mission_ids as search_mission_ids
from ..visibility import (
    public_also_observed,
    public_delegations,
    public_missions,
    public_organizations,
    public_people,
    public_regions,
)
from .choices import ChoiceFilter, FilterSet, ModelChoiceFilter


# A published mission's host, sending nations and observing body are public by definition,
# so the choices need not go through the wider (and slower) visibility querysets.
def host_countries(request=None):
    """Countries of the elections published missions observed, main or also observed."""
    return Country.objects.filter(
        Q(pk__in=public_missions().values("election__country_id"))
        | Q(pk__in=public_also_observed().values("election__country_id"))
    )


# An EXISTS probe per country or organization: a few dozen rows, each found by an index
# (SQLite at 2,000 missions: 2.7 -> 0.4 ms), where IN read every published delegation.
def sending_nations(request=None):
    return Country.objects.filter(Exists(public_delegations().filter(country=OuterRef("pk"))))


def observing_organizations(request=None):
    observed = public_missions().filter(observer_body=OuterRef("pk"))
    return Organization.objects.filter(Exists(observed))


class Year(ExtractYear):
    """A date's year; on SQLite in its own strftime, not Django's date function (Python, called
    once per row: 18 ms for the years of 2,000 missions)."""

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS INTEGER)", params


def mission_years():
    years = public_missions().annotate(year=Year("starts")).order_by("-year")
    return [(year, str(year)) for year in years.values_list("year", flat=True).distinct()]


@lru_cache(maxsize=64)
def built(gate, language):
    """A choice list's queryset, built once per language: building the wider gates costs
    more Python than their queries cost SQL. Only clones of it are ever run."""
    return gate()


def prebuilt(gate):
    """The filter's `queryset` argument: a clone of the gate built once."""
    return lambda request=None: built(gate, get_language()).all()


SORT_CHOICES = [("newest", _("Newest first")), ("oldest", _("Oldest first"))]


class MissionFilter(FilterSet):
    """Search, filter and sort the published missions."""

    q = django_filters.CharFilter(label=_("Search the missions' text"), method="search")
    country = ModelChoiceFilter(
        label=_("Host country"),
        field_name="election__country",
        to_field_name="code",
        queryset=prebuilt(host_countries),
        keep="host-countries",
        empty_label=_("Any country"),
        method="observing_election",
    )
    year = ChoiceFilter(
        label=_("Year"),
        field_name="starts__year",
        choices=mission_years,
        keep="mission-years",
        empty_label=_("Any year"),
    )
    kind = ChoiceFilter(
        label=_("Election kind"),
        field_name="election__kind",
        choices=Election.Kind.choices,
        empty_label=_("Any kind"),
        method="observing_election",
    )
    monitoring = ChoiceFilter(
        label=_("Monitoring"),
        choices=Mission.Monitoring.choices,
        empty_label=_("Any monitoring"),
    )
    observer = ModelChoiceFilter(
        label=_("Observing organization"),
        field_name="observer_body",
        to_field_name="slug",
        queryset=prebuilt(observing_organizations),
        keep="observing-organizations",
        empty_label=_("Any organization"),
    )
    sender = ModelChoiceFilter(
        label=_("Sending nation"),
        to_field_name="code",
        queryset=prebuilt(sending_nations),
        keep="sending-nations",
        empty_label=_("Any nation"),
        method="sent_by",
    )
    # Reached from a person's, organization's or region's page ("all missions of ..."), not
    # offered in the form: hidden inputs, so the list of every name is never rendered.
    person = ModelChoiceFilter(
        label=_("Person"),
        to_field_name="slug",
        queryset=prebuilt(public_people),
        widget=forms.HiddenInput,
        method="involving_person",
    )
    organization = ModelChoiceFilter(
        label=_("Organization"),
        to_field_name="slug",
        queryset=prebuilt(public_organizations),
        widget=forms.HiddenInput,
        method="involving_organization",
    )
    region = ModelChoiceFilter(
        label=_("Region"),
        queryset=prebuilt(public_regions),
        widget=forms.HiddenInput,
        method="visiting_region",
    )
    sort = ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        empty_label=None,
        method="sort_by",
    )

    class Meta:
        model = Mission
        fields = []

    def observing_election(self, queryset, name, value):
        """Missions whose main election, or one they also observed, has this country or kind:
        each mission once (EXISTS, no join that would repeat it)."""
        if value in (None, ""):
            return queryset
        field = name.removeprefix("election__")
        also = public_also_observed().filter(
            mission=OuterRef("pk"), **{f"election__{field}": value}
        )
        return queryset.filter(Q(**{name: value}) | Exists(also))

    def search(self, queryset, name, value):
        matched = search_mission_ids(value)  # the search page's engine, missions only
        return queryset if matched is None else queryset.filter(pk__in=matched)

    def sent_by(self, queryset, name, value):
        if not value:
            return queryset
        sent = public_delegations().filter(mission=OuterRef("pk"), country=value)
        return queryset.filter(Exists(sent))

    def sort_by(self, queryset, name, value):
        if value == "oldest":
            return queryset.order_by("starts", "title")
        return queryset.order_by("-starts", "title")

    def involving_person(self, queryset, name, person):
        """Missions the person coordinated, served on, met or led a meeting of, or observed for."""
        if not person:
            return queryset
        mission = OuterRef("pk")
        return queryset.filter(
            Q(coordinator=person)
            | Exists(DelegationMember.objects.filter(delegation__mission=mission, person=person))
            | Exists(MeetingCounterpart.objects.filter(meeting__mission=mission, person=person))
            | Exists(Meeting.objects.filter(mission=mission, led_by=person))
            | Exists(Visit.objects.filter(mission=mission, observers=person))
        )

    def involving_organization(self, queryset, name, organization):
        """Missions the organization organized, sent a delegation to or hosted a meeting of,
        and missions observing an election to it."""
        if not organization:
            return queryset
        mission = OuterRef("pk")
        return queryset.filter(
            Q(observer_body=organization)
            | Q(election__body=organization)
            | Exists(public_delegations().filter(mission=mission, organization=organization))
            | Exists(Meeting.objects.filter(mission=mission, host=organization))
        )

    def visiting_region(self, queryset, name, region):
        if not region:
            return queryset
        return queryset.filter(Exists(Visit.objects.filter(mission=OuterRef("pk"), region=region)))
