"""The public reading site. Every view starts from `missions.visibility`."""

from itertools import groupby

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from .. import publishing
from ..filters import MissionFilter
from ..models import Delegation, DelegationMember, Meeting, MeetingCounterpart, Mission, Visit
from ..visibility import (
    public_countries,
    public_delegations,
    public_documents,
    public_elections,
    public_meetings,
    public_missions,
    public_organizations,
    public_people,
    public_regions,
    public_visits,
)
from .shared import Latest, SectionMixin, mission_cards  # noqa: F401  (Latest: also imported here)

HOME_LIST_LENGTH = 5


def home_figures():
    missions = public_missions()
    return {
        "missions": missions.count(),
        "countries": missions.values("election__country").distinct().count(),
        "observers": DelegationMember.objects.filter(delegation__mission__in=missions)
        .values("person")
        .distinct()
        .count(),
        "stations": public_visits().aggregate(total=Sum("stations_visited"))["total"] or 0,
    }


class HomeView(SectionMixin, TemplateView):
    template_name = "missions/home.html"
    section = "home"

    def get_context_data(self, **kwargs):
        latest = mission_cards(public_missions()).order_by("-published_at", "-starts", "title")
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


def mission_detail_queryset(missions):
    """A mission with everything its page shows, in a fixed number of queries."""
    return missions.select_related(
        "election__country", "election__body", "observer_body", "coordinator"
    ).prefetch_related(
        Prefetch(
            "delegations",
            queryset=Delegation.objects.select_related("country", "organization").prefetch_related(
                Prefetch("members", queryset=DelegationMember.objects.select_related("person"))
            ),
        ),
        Prefetch(
            "meetings",
            queryset=Meeting.objects.select_related("host", "led_by").prefetch_related(
                Prefetch(
                    "counterparts", queryset=MeetingCounterpart.objects.select_related("person")
                )
            ),
        ),
        Prefetch(
            "visits",
            queryset=Visit.objects.select_related("region").prefetch_related("observers"),
        ),
        "documents",
    )


def timeline(mission):
    """Meetings and visits grouped by day: [(date, meetings, visits), ...]."""
    entries = sorted(
        [(m.date, 0, m.order, m) for m in mission.meetings.all()]
        + [(v.date, 1, v.order, v) for v in mission.visits.all()],
        key=lambda entry: entry[:3],
    )
    days = []
    for day, group in groupby(entries, key=lambda entry: entry[0]):
        items = [entry[3] for entry in group]
        days.append(
            (
                day,
                [i for i in items if isinstance(i, Meeting)],
                [i for i in items if isinstance(i, Visit)],
            )
        )
    return days


def coordinator_membership(mission):
    for delegation in mission.delegations.all():
        for member in delegation.members.all():
            if member.person_id == mission.coordinator_id:
                return member
    return None


class MissionDetailView(SectionMixin, DetailView):
    template_name = "missions/mission_detail.html"
    section = "missions"
    preview = False

    def get_queryset(self):
        return mission_detail_queryset(public_missions())

    def get_context_data(self, **kwargs):
        mission = self.object
        visits = mission.visits.all()
        return super().get_context_data(
            preview=self.preview,
            timeline=timeline(mission),
            coordinator_member=coordinator_membership(mission),
            stations_total=sum(v.stations_visited or 0 for v in visits),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class MissionPreviewView(MissionDetailView):
    """Staff see any mission, draft or in review, as the public would once published.

    Not for the page cache. Anyone else gets a 404, which names no admin address; staff
    without the view permission on missions are refused, as the admin refuses them.
    """

    preview = True

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_staff):
            raise Http404
        if not publishing.may_preview(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return mission_detail_queryset(Mission.objects.all())


class ElectionDetailView(SectionMixin, DetailView):
    template_name = "missions/election_detail.html"
    section = "elections"

    def get_queryset(self):
        missions = mission_cards(public_missions()).prefetch_related(
            Prefetch("documents", queryset=public_documents())
        )
        return (
            public_elections()
            .select_related("country", "body")
            .prefetch_related(Prefetch("missions", queryset=missions, to_attr="public_missions"))
        )


class CountryDetailView(SectionMixin, DetailView):
    template_name = "missions/country_detail.html"
    section = "countries"

    def get_object(self, queryset=None):
        code = self.kwargs["code"]
        if code != code.lower():
            raise Http404
        try:
            return public_countries().get(code=code.upper())
        except public_countries().model.DoesNotExist as error:
            raise Http404 from error

    def get_context_data(self, **kwargs):
        country = self.object
        return super().get_context_data(
            hosted=Latest(
                mission_cards(public_missions().filter(election__country=country)).order_by(
                    "-starts", "title"
                )
            ),
            sent=Latest(
                public_delegations()
                .filter(country=country)
                .select_related("mission__election__country")
                .annotate(member_count=Count("members"))
                .order_by("-mission__starts", "mission__title")
            ),
            regions=Latest(
                public_regions()
                .filter(country=country)
                .annotate(visit_count=Count("visits", filter=Q(visits__in=public_visits())))
                .order_by("-visit_count", "name")
            ),
            people=Latest(public_people().filter(country=country).order_by("name")),
            organizations=Latest(public_organizations().filter(country=country).order_by("name")),
            **kwargs,
        )


class PersonDetailView(SectionMixin, DetailView):
    template_name = "missions/person_detail.html"
    section = "people"

    def get_queryset(self):
        return public_people().select_related("country")

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            memberships=Latest(
                DelegationMember.objects.filter(person=person, delegation__in=public_delegations())
                .select_related(
                    "delegation__country",
                    "delegation__organization",
                    "delegation__mission__election__country",
                )
                .order_by("-delegation__mission__starts", "delegation__mission__title")
            ),
            counterpart_roles=Latest(
                MeetingCounterpart.objects.filter(person=person, meeting__in=public_meetings())
                .select_related("meeting__host", "meeting__mission")
                .order_by("-meeting__date", "meeting__order")
            ),
            meetings_led=Latest(
                public_meetings()
                .filter(led_by=person)
                .select_related("host", "mission")
                .order_by("-date", "order")
            ),
            visits=Latest(
                public_visits()
                .filter(observers=person)
                .select_related("region", "mission")
                .order_by("-date", "order")
            ),
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
            parent=public_organizations().filter(pk=organization.parent_id).first(),
            children=Latest(public_organizations().filter(parent=organization).order_by("name")),
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
