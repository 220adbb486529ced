"""The public reading site. Every view starts from `missions.visibility`."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from .. import publishing
from ..filters import MissionFilter
from ..models import Delegation, DelegationMember, Election, ElectionResult, Mission, Person
from ..prepared import TEXT_PROBES, Prepared
from ..visibility import (
    flags_fresh,
    public_also_observed,
    public_counterparts,
    public_countries,
    public_delegations,
    public_documents,
    public_elections,
    public_meetings,
    public_members,
    public_memberships,
    public_missions,
    public_organizations,
    public_partners,
    public_people,
    public_regions,
    public_rounds,
    public_visits,
)
from .mission_page import PREVIEW_PAGE, PUBLIC_PAGE, page_context
from .shared import (  # noqa: F401  (Latest: also imported here)
    RELATED_LIST_LENGTH,
    IdsFirstPaginator,
    Latest,
    LatestOf,
    SectionMixin,
    by_shown_name,
    mission_cards,
    settled,
)

HOME_LIST_LENGTH = 5
# What DetailView says of a missing object, in Django's own catalog (a variable: not ours).
DETAIL_NOT_FOUND = "No %(verbose_name)s found matching the query"


def home_figures():
    """The archive's totals: each mission's stated figure, or where it states none, what its
    records name (people on its delegations, the sum of its visits' polling stations: stored
    on the mission, `missions.stored`); the countries its main elections were held in (the
    countries' stored counts)."""
    flags_fresh()  # the stored counts, as a public read
    totals = public_missions().aggregate(
        missions=Count("pk"),
        observers=Sum(Coalesce("figures__observers", "named_observers")),
        stations=Sum(Coalesce("figures__polling_stations", "named_stations")),
    )
    return {
        "missions": totals["missions"],
        "countries": public_countries().filter(hosted__gt=0).count(),
        "observers": totals["observers"] or 0,
        "stations": totals["stations"] or 0,
    }


class HomeView(SectionMixin, TemplateView):
    template_name = "missions/home.html"
    section = "home"

    def get_context_data(self, **kwargs):
        latest = mission_cards(public_missions()).order_by("-starts", "-ends", "title")
        upcoming = mission_cards(public_missions().upcoming()).order_by("starts", "title")
        return super().get_context_data(
            latest=latest[:HOME_LIST_LENGTH],
            upcoming=upcoming[:HOME_LIST_LENGTH],
            figures=home_figures(),
            **kwargs,
        )


class MissionListView(SectionMixin, FilterView):
    filterset_class = MissionFilter
    template_name = "missions/mission_list.html"
    paginate_by = 20
    section = "missions"

    def get_queryset(self):
        return mission_cards(public_missions())

    def get_paginator(self, queryset, per_page, **kwargs):
        """The page's missions are picked from the list (gated, filtered), then read."""
        return IdsFirstPaginator(queryset, per_page, rows=mission_cards(Mission.objects), **kwargs)


class MissionDetailView(SectionMixin, DetailView):
    template_name = "missions/mission_detail.html"
    section = "missions"
    preview = False
    page = PUBLIC_PAGE

    def get_object(self, queryset=None):
        """The mission by its slug, with its parts (`mission_page`: each query compiled once)."""
        mission = self.page.get(self.kwargs[self.slug_url_kwarg])
        if mission is None:
            raise Http404(_(DETAIL_NOT_FOUND) % {"verbose_name": Mission._meta.verbose_name})
        return mission

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **page_context(self.object), **kwargs)


@method_decorator(never_cache, name="dispatch")
class MissionPreviewView(MissionDetailView):
    """Staff see any mission, draft or in review, as the public would once published.

    Not for the page cache. Anyone else gets a 404, which names no admin address; staff
    without the view permission on missions are refused, as the admin refuses them.
    """

    preview = True
    page = PREVIEW_PAGE

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_staff):
            raise Http404
        if not publishing.may_preview(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def observing_bodies(missions):
    """Every body that observed: each mission's observer body and partners, once, in order."""
    bodies = {}
    for mission in missions:
        bodies.setdefault(mission.observer_body_id, mission.observer_body)
        for partner in mission.partners.all():
            bodies.setdefault(partner.organization_id, partner.organization)
    return list(bodies.values())


class ElectionDetailView(SectionMixin, DetailView):
    template_name = "missions/election_detail.html"
    section = "elections"

    def get_queryset(self):
        results = ElectionResult.objects.prefetch_related("outcomes")
        return (
            public_elections()
            .select_related("country", "body")
            .prefetch_related(
                Prefetch(
                    "rounds",
                    queryset=public_rounds().prefetch_related(
                        Prefetch("results", queryset=results)
                    ),
                ),
                "questions",
            )
        )

    def get_context_data(self, **kwargs):
        election = self.object
        also = public_also_observed().filter(mission=OuterRef("pk"), election=election)
        missions = list(
            mission_cards(public_missions())
            .filter(Q(election=election) | Exists(also))
            .prefetch_related(
                Prefetch("documents", queryset=public_documents()),
                Prefetch("partners", queryset=public_partners().select_related("organization")),
            )
            .order_by("starts", "title")
        )
        return super().get_context_data(
            observed_by=missions, observing_bodies=observing_bodies(missions), **kwargs
        )


def hosted_by(country):
    """Published missions observing an election in the country (a pk), main or also observed.

    Both as IN (subquery) from the country's elections, each read once by index (the
    missions are published ones, so the links need not check again), where a join and an
    EXISTS per mission took 2-7 ms to count a country's 170 missions among 2,000."""
    links = Mission.also_observed.through.objects.filter(election__country=country)
    also = Q(pk__in=links.values("mission_id"))
    return public_missions().filter(Q(election__in=Election.objects.filter(country=country)) | also)


def rows_of(queryset, field):
    """A scalar subquery: how many rows of `queryset` point to the outer row by `field`,
    read for each listed row alone (a join and GROUP BY grouped a country's 1,000 delegations
    with their 9,000 members to show ten)."""
    rows = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


# The country page's lists, each built around the country's pk and compiled once per
# connection and language (missions.prepared): compiling them took a third of the page.
COUNTRY = Prepared(lambda code: public_countries().filter(code=code), TEXT_PROBES)
MEMBER_OF = Prepared(
    lambda country: (
        public_memberships()
        .filter(country=country)
        .select_related("organization")
        .order_by("since", "organization__name")
    )
)


class FirstOf:
    """The first rows of a list built around a country's pk, compiled once per connection and
    language (missions.prepared), with its total stored on the country (`country_counts`),
    where counting it beside the rows took more than reading them (PostgreSQL counted a
    country's 170 missions from a scan of every published one)."""

    def __init__(self, build, length=RELATED_LIST_LENGTH):
        self.query = Prepared(lambda country: settled(build(country))[:length])

    def get(self, country, total):
        first = Latest.__new__(Latest)
        first.show(self.query.rows(country), total)
        return first


HOSTED = FirstOf(lambda country: mission_cards(hosted_by(country)).order_by("-starts", "title"))
SENT_ORDER = ("-mission__starts", "mission__title", "pk")


def first_sent(country):
    """The country's first delegations, picked by id first: SQLite counted the members of
    each of a country's 1,000 delegations before sorting them to keep ten."""
    first = public_delegations().filter(country=country).order_by(*SENT_ORDER)
    return (
        Delegation.objects.filter(pk__in=first[:RELATED_LIST_LENGTH].values("pk"))
        .select_related("mission__election__country")
        .annotate(member_count=rows_of(DelegationMember.objects, "delegation"))
        .order_by(*SENT_ORDER)
    )


SENT = FirstOf(first_sent)
REGIONS = LatestOf(
    lambda country: (
        public_regions()
        .filter(country=country)
        .annotate(visit_count=F("published_visits"))
        .order_by("-visit_count", "name", "pk")
    )
)
PEOPLE = LatestOf(lambda country: public_people().filter(country=country).order_by("name", "pk"))
ORGANIZATIONS = LatestOf(
    lambda country: public_organizations().filter(country=country).order_by(*by_shown_name())
)


class CountryDetailView(SectionMixin, DetailView):
    template_name = "missions/country_detail.html"
    section = "countries"

    def get_object(self, queryset=None):
        code = self.kwargs["code"]
        if code != code.lower():
            raise Http404
        found = COUNTRY.rows(code.upper())
        if not found:
            raise Http404
        return found[0]

    def get_context_data(self, **kwargs):
        country = self.object.pk
        return super().get_context_data(
            hosted=HOSTED.get(country, self.object.missions_observed),
            member_of=MEMBER_OF.rows(country),
            sent=SENT.get(country, self.object.delegations_sent),
            regions=REGIONS.get(country),
            people=PEOPLE.get(country),
            organizations=ORGANIZATIONS.get(country),
            **kwargs,
        )


# The person page's record and lists, each built around the person's slug or pk and compiled
# once per connection and language (missions.prepared), as the country page's.
PERSON = Prepared(
    lambda slug: public_people().select_related("country").filter(slug=slug), TEXT_PROBES
)
MEMBERSHIPS = LatestOf(
    lambda person: (
        public_members()
        .filter(person=person)
        .select_related("delegation__country", "delegation__organization", "delegation__mission")
        .order_by("-delegation__mission__starts", "delegation__mission__title")
    )
)
COUNTERPART_ROLES = LatestOf(
    lambda person: (
        public_counterparts()
        .filter(person=person)
        .select_related("meeting__host", "meeting__mission")
        .order_by("-meeting__date", "meeting__order")
    )
)
MEETINGS_LED = LatestOf(
    lambda person: (
        public_meetings()
        .filter(led_by=person)
        .select_related("host", "mission")
        .order_by("-date", "order")
    )
)
VISITS = LatestOf(
    lambda person: (
        public_visits()
        .filter(observers=person)
        .select_related("region", "mission")
        .order_by("-date", "order")
    )
)


class PersonDetailView(SectionMixin, DetailView):
    template_name = "missions/person_detail.html"
    section = "people"

    def get_object(self, queryset=None):
        found = PERSON.rows(self.kwargs[self.slug_url_kwarg])
        if not found:
            raise Http404(_(DETAIL_NOT_FOUND) % {"verbose_name": Person._meta.verbose_name})
        return found[0]

    def get_context_data(self, **kwargs):
        person = self.object.pk
        return super().get_context_data(
            memberships=MEMBERSHIPS.get(person),
            counterpart_roles=COUNTERPART_ROLES.get(person),
            meetings_led=MEETINGS_LED.get(person),
            visits=VISITS.get(person),
            **kwargs,
        )


class OrganizationDetailView(SectionMixin, DetailView):
    template_name = "missions/organization_detail.html"
    section = "organizations"

    def get_queryset(self):
        return public_organizations().select_related("country")

    def get_context_data(self, **kwargs):
        organization = self.object
        return super().get_context_data(
            parent=public_organizations().filter(pk=organization.parent_id).first()
            if organization.parent_id
            else None,
            children=Latest(
                public_organizations().filter(parent=organization).order_by(*by_shown_name())
            ),
            observed=Latest(
                mission_cards(public_missions().filter(observer_body=organization)).order_by(
                    "-starts", "title"
                )
            ),
            delegations=Latest(
                public_delegations()
                .filter(organization=organization)
                .select_related("mission__election__country")
                .order_by("-mission__starts", "mission__title")
            ),
            meetings=Latest(
                public_meetings()
                .filter(host=organization)
                .select_related("mission")
                .order_by("-date", "order")
            ),
            elections=Latest(
                public_elections()
                .filter(body=organization)
                .select_related("country")
                .order_by("-voting_day", "name")
            ),
            **kwargs,
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"
