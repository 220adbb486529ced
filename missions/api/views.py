"""Read-only viewsets: every queryset from `missions.visibility`, in a fixed number of queries."""

from django.conf import settings
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import popolo
from ..filters import MissionFilter, OrganizationFilter, PersonFilter, RegionFilter
from ..models import DelegationMember, MeetingCounterpart, Mission, Person
from ..prepared import Part, Tree, linked
from ..views.mission_page import MISSION_RELATIONS
from ..visibility import (
    public_assessments,
    public_countries,
    public_delegations,
    public_documents,
    public_elections,
    public_files,
    public_meetings,
    public_missions,
    public_organizations,
    public_partners,
    public_people,
    public_phases,
    public_recommendations,
    public_regions,
    public_rounds_probed,
    public_sources,
    public_visits,
    published,
)
from . import serializers as records
from .schema import describe_filter_types

describe_filter_types()

# A record's parts in their models' order within one parent, without the parent's own keys,
# as on the mission page (see missions/views/mission_page.py).
IN_ORDER = ("order", "id")
NULLS_LAST_DATE = F("date").asc(nulls_last=True)


@extend_schema_field({"type": "string", "nullable": True})
class LicenseField(serializers.Field):
    """The licence the secretariat publishes the data under (DJANGO_DATA_LICENSE)."""

    def __init__(self):
        super().__init__(source="*", read_only=True, allow_null=True)

    def to_representation(self, record):
        return settings.DATA_LICENSE or None


# What get_object_or_404() says, in Django's own catalog (a variable: not ours to translate).
DJANGO_NOT_FOUND = "No %s matches the given query."


def licensed(serializer_class):
    """The serializer with a `license` field, for a record fetched on its own."""
    name = serializer_class.__name__.replace("Serializer", "") + "Record"
    meta = type(
        "Meta", (serializer_class.Meta,), {"fields": [*serializer_class.Meta.fields, "license"]}
    )
    return type(name, (serializer_class,), {"license": LicenseField(), "Meta": meta})


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    """List and retrieve; the retrieved record carries the licence."""

    list_serializer = None
    record_serializer = None
    query_parameters = ("page", "page_size")  # besides the filters (the page cache's key)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return self.record_serializer
        return self.list_serializer


# The columns the record's serializers read of each kind of row it names (by relation).
COUNTRY = ("code", "name_en", "name_ru")
ORGANIZATION = ("slug", "name_en", "name_ru", "short_name_en", "short_name_ru")
PERSON = ("slug", "name", "name_original")
LISTED = (
    "slug",
    "title_en",
    "title_ru",
    "monitoring",
    "starts",
    "ends",
    "published_at",
)  # a mission
ELECTION = ("slug", "name_en", "name_ru", "kind", "voting_day")
ROUND = ("number", "kind", "voting_day")
RECOMMENDATION = (
    *("document", "mission", "number", "text_en", "text_ru", "topic"),
    *("addressee_en", "addressee_ru", "priority"),
)


def related(relation, columns):
    """only()'s names for `columns` of the row `relation` leads to (joined by select_related)."""
    return (relation, *(f"{relation}__{column}" for column in columns))


def missions_listed():
    return (
        public_missions()
        .select_related("election__country", "observer_body")
        .only(
            *LISTED,
            *related("election", ELECTION),
            *related("election__country", COUNTRY),
            *related("observer_body", ORGANIZATION),
        )
        .order_by("-starts", "title")
    )


def mission_record_queryset():
    """A mission with every part its record holds: one query per kind of part."""
    return (
        public_missions()
        .select_related(*MISSION_RELATIONS)
        .prefetch_related(
            Prefetch("election__rounds", queryset=public_rounds_probed().order_by("number")),
            Prefetch("also_observed", queryset=public_elections()),
            Prefetch("phases", queryset=public_phases().order_by("starts", *IN_ORDER)),
            Prefetch(
                "partners",
                queryset=public_partners()
                .select_related("organization", "head")
                .order_by(*IN_ORDER),
            ),
            Prefetch(
                "delegations",
                queryset=public_delegations()
                .select_related("country", "organization", "partner")
                .order_by(*IN_ORDER)
                .prefetch_related(
                    Prefetch(
                        "members",
                        queryset=published(DelegationMember, "delegation__mission")
                        .select_related("person", "round")
                        .order_by(*IN_ORDER),
                    )
                ),
            ),
            Prefetch(
                "meetings",
                queryset=public_meetings()
                .select_related("host", "led_by")
                .order_by(NULLS_LAST_DATE, *IN_ORDER)
                .prefetch_related(
                    Prefetch(
                        "counterparts",
                        queryset=published(MeetingCounterpart, "meeting__mission")
                        .select_related("person")
                        .order_by(*IN_ORDER),
                    )
                ),
            ),
            Prefetch(
                "visits",
                queryset=public_visits()
                .select_related("region__country", "country", "round")
                .order_by("date", *IN_ORDER)
                .prefetch_related("observers"),  # people_naming(): public by being named here
            ),
            Prefetch(
                "documents",
                queryset=documents_with_parts(public_documents().order_by("date", *IN_ORDER)),
            ),
            Prefetch("sources", queryset=public_sources().order_by(*IN_ORDER)),
        )
    )


def documents_with_parts(documents):
    return documents.select_related("mission", "issuer").prefetch_related(
        Prefetch("co_issuers", queryset=public_organizations()),
        Prefetch("rounds", queryset=public_rounds_probed().select_related("election")),
        Prefetch("files", queryset=public_files().order_by(*IN_ORDER)),
        # A recommendation's mission is its document's (Recommendation.save).
        Prefetch("recommendations", queryset=recommendations_listed().order_by("number")),
        Prefetch(
            "assessments",
            queryset=public_assessments()
            .select_related("recommendation__mission")
            .order_by(*IN_ORDER),
        ),
    )


# The same rows and order as mission_record_queryset(), each part's SQL compiled once
# (missions.prepared); a document's and a part's mission is the record's own. Each row holds
# only the columns the record shows (and its parent's key): a third fewer columns to send,
# plan and build models from.
RECORD = Tree(
    lambda slug: (
        public_missions()
        .select_related(*MISSION_RELATIONS)
        .only(
            *LISTED,
            *("summary_en", "summary_ru", "figures"),
            *related("election", ELECTION),
            *related("election__country", COUNTRY),
            *related("election__body", ORGANIZATION),
            *related("observer_body", ORGANIZATION),
            *related("coordinator", PERSON),
        )
        .filter(slug=slug)
    ),
    (
        Part(
            "rounds",
            lambda election: (
                public_rounds_probed()
                .only("election", *ROUND)
                .filter(election_id=election)
                .order_by("number")
            ),
            "election_id",
            value=lambda mission: mission.election_id,
            parents=lambda mission: [mission.election],
        ),
        Part(
            "also_observed",
            lambda mission: linked(
                public_elections().only(*ELECTION), "missions_also_observing__id", mission
            ),
            "prepared_owner",
        ),
        Part(
            "phases",
            lambda mission: (
                public_phases()
                .only("uid", "mission", "kind", "starts", "ends")
                .filter(mission_id=mission)
                .order_by("starts", *IN_ORDER)
            ),
            "mission_id",
        ),
        Part(
            "partners",
            lambda mission: (
                public_partners()
                .select_related("organization", "head")
                .only(
                    *("uid", "mission", "role_en", "role_ru"),
                    *related("organization", ORGANIZATION),
                    *related("head", PERSON),
                )
                .filter(mission_id=mission)
                .order_by(*IN_ORDER)
            ),
            "mission_id",
        ),
        Part(
            "delegations",
            lambda mission: (
                public_delegations()
                .select_related("country", "organization", "partner")
                .only(
                    *("uid", "mission"),
                    *related("country", COUNTRY),
                    *related("organization", ORGANIZATION),
                    *related("partner", ("slug",)),
                )
                .filter(mission_id=mission)
                .order_by(*IN_ORDER)
            ),
            "mission_id",
            parts=(
                Part(
                    "members",
                    lambda mission: (
                        published(DelegationMember, "delegation__mission")
                        .select_related("person", "round")
                        .only(
                            *("delegation", "role", "position_en", "position_ru", "group"),
                            *related("person", PERSON),
                            *related("round", ("number",)),
                        )
                        .filter(delegation__mission_id=mission)
                        .order_by(*IN_ORDER)
                    ),
                    "delegation_id",
                ),
            ),
        ),
        Part(
            "meetings",
            lambda mission: (
                public_meetings()
                .select_related("host", "led_by")
                .only(
                    *("uid", "mission", "date", "kind", "place_en", "place_ru"),
                    *("summary_en", "summary_ru"),
                    *related("host", ORGANIZATION),
                    *related("led_by", PERSON),
                )
                .filter(mission_id=mission)
                .order_by(NULLS_LAST_DATE, *IN_ORDER)
            ),
            "mission_id",
            parts=(
                Part(
                    "counterparts",
                    lambda mission: (
                        published(MeetingCounterpart, "meeting__mission")
                        .select_related("person")
                        .only("meeting", "position_en", "position_ru", *related("person", PERSON))
                        .filter(meeting__mission_id=mission)
                        .order_by(*IN_ORDER)
                    ),
                    "meeting_id",
                ),
            ),
        ),
        Part(
            "visits",
            lambda mission: (
                public_visits()
                .select_related("region__country", "country", "round")
                .only(
                    *("uid", "mission", "date", "stages", "stations_visited"),
                    *("notes_en", "notes_ru"),
                    *related("region", ("name", "name_ru", "kind")),
                    *related("region__country", ("code",)),
                    *related("country", ("code",)),
                    *related("round", ("number",)),
                )
                .filter(mission_id=mission)
                .order_by("date", *IN_ORDER)
            ),
            "mission_id",
            parts=(
                Part(
                    "observers",
                    lambda mission: linked(
                        Person.objects.only(*PERSON), "visits__mission_id", mission
                    ),
                    "prepared_owner",
                ),
            ),
        ),
        Part(
            "documents",
            lambda mission: (
                public_documents()
                .select_related("issuer")
                .only(
                    *("uid", "mission", "kind", "date", "title_en", "title_ru", "url"),
                    *("language", "findings_en", "findings_ru", "body_en", "body_ru"),
                    *related("issuer", ORGANIZATION),
                )
                .filter(mission_id=mission)
                .order_by("date", *IN_ORDER)
            ),
            "mission_id",
            parts=(
                Part(
                    "co_issuers",
                    lambda mission: linked(
                        public_organizations().only(*ORGANIZATION),
                        "documents_co_issued__mission_id",
                        mission,
                    ),
                    "prepared_owner",
                ),
                Part(
                    "rounds",
                    lambda mission: linked(
                        public_rounds_probed()
                        .select_related("election")
                        .only(*ROUND, *related("election", ("slug",))),
                        "documents__mission_id",
                        mission,
                    ),
                    "prepared_owner",
                ),
                Part(
                    "files",
                    lambda mission: (
                        public_files()
                        .only(
                            *("uid", "document", "file", "language", "title_en", "title_ru"),
                            *("size", "media_type"),
                        )
                        .filter(document__mission_id=mission)
                        .order_by(*IN_ORDER)
                    ),
                    "document_id",
                ),
                Part(
                    "recommendations",
                    lambda mission: (
                        public_recommendations()
                        .select_related("mission")
                        .only(*RECOMMENDATION, "mission__slug")
                        # Its own mission too, which is its document's (Recommendation.save):
                        # by the document's alone, SQLite read every published mission (8 ms).
                        .filter(document__mission_id=mission, mission_id=mission)
                        .order_by("number")
                    ),
                    "document_id",
                ),
                Part(
                    "assessments",
                    lambda mission: (
                        public_assessments()
                        .select_related("recommendation__mission")
                        .only(
                            *("uid", "document", "status", "note_en", "note_ru"),
                            *related("recommendation", RECOMMENDATION),
                            *related("recommendation__mission", ("slug",)),
                        )
                        .filter(document__mission_id=mission)
                        .order_by(*IN_ORDER)
                    ),
                    "document_id",
                ),
            ),
        ),
        Part(
            "sources",
            lambda mission: (
                public_sources()
                .only("uid", "mission", "url", "title", "publisher", "date", "language")
                .filter(mission_id=mission)
                .order_by(*IN_ORDER)
            ),
            "mission_id",
        ),
    ),
)


def recommendations_listed():
    return public_recommendations().select_related("mission", "document")


class MissionViewSet(ReadOnly):
    """Published missions: the list takes the HTML list's filters and search."""

    lookup_field = "slug"
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = MissionFilter
    list_serializer = records.MissionListSerializer
    record_serializer = licensed(records.MissionDetailSerializer)

    def get_queryset(self):
        if self.action == "retrieve":
            return mission_record_queryset()
        return missions_listed()

    def get_object(self):
        """The record by its slug (`RECORD`: each query compiled once); with query parameters,
        which the filters read here too, as DRF fetches it."""
        if self.request.query_params:
            return super().get_object()
        mission = RECORD.get(self.kwargs[self.lookup_field])
        if mission is None:
            raise Http404(_(DJANGO_NOT_FOUND) % Mission._meta.object_name)
        self.check_object_permissions(self.request, mission)
        return mission


class ElectionViewSet(ReadOnly):
    lookup_field = "slug"
    list_serializer = records.ElectionSerializer
    record_serializer = licensed(records.ElectionSerializer)

    def get_queryset(self):
        return (
            public_elections()
            .select_related("country", "body")
            .prefetch_related(Prefetch("rounds", queryset=public_rounds_probed()))
            .order_by("-voting_day", "slug")
        )


class CountryViewSet(ReadOnly):
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"
    list_serializer = records.CountrySerializer
    record_serializer = licensed(records.CountrySerializer)

    def get_queryset(self):
        return public_countries().order_by("code")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), code=self.kwargs["code"].upper())


class PersonViewSet(ReadOnly):
    lookup_field = "slug"
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = PersonFilter
    list_serializer = records.PersonSerializer
    record_serializer = licensed(records.PersonSerializer)

    def get_queryset(self):
        return public_people().select_related("country").order_by("name", "slug")


class OrganizationViewSet(ReadOnly):
    lookup_field = "slug"
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = OrganizationFilter
    list_serializer = records.OrganizationSerializer
    record_serializer = licensed(records.OrganizationSerializer)

    def get_queryset(self):
        return public_organizations().select_related("country", "parent").order_by("slug")


class RegionViewSet(ReadOnly):
    lookup_value_regex = "[0-9]+"
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = RegionFilter
    list_serializer = records.RegionSerializer
    record_serializer = licensed(records.RegionSerializer)

    def get_queryset(self):
        return public_regions().select_related("country").order_by("country__code", "name")


class DocumentViewSet(ReadOnly):
    lookup_field = "uid"
    list_serializer = records.DocumentSerializer
    record_serializer = licensed(records.DocumentInMissionSerializer)

    def get_queryset(self):
        ordered = public_documents().order_by("-date", "uid")
        return documents_with_parts(ordered)


class RecommendationViewSet(ReadOnly):
    lookup_value_regex = "[0-9]+"
    list_serializer = records.RecommendationSerializer
    record_serializer = licensed(records.RecommendationSerializer)

    def get_queryset(self):
        return recommendations_listed().order_by("mission__slug", "number")


POPOLO_LIST = {"type": "array", "items": {"type": "object", "additionalProperties": True}}
POPOLO_SCHEMA = {
    "type": "object",
    "description": "Persons, organizations, memberships, events and areas in Popolo.",
    "properties": {
        "license": {"type": "string", "nullable": True},
        "source": {"type": "string"},
        "generated": {"type": "string", "format": "date-time"},
        **{
            name: POPOLO_LIST
            for name in ("persons", "organizations", "memberships", "events", "areas")
        },
    },
    "required": ["persons", "organizations", "memberships", "events", "areas"],
}


class PopoloView(APIView):
    """The whole public archive in Popolo (see missions/popolo.py for how it maps)."""

    query_parameters = ()

    @extend_schema(responses={200: POPOLO_SCHEMA}, operation_id="popolo")
    def get(self, request):
        return Response(popolo.export(request))
