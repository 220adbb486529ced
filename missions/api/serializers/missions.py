"""Missions: the list record and the full record with every part."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import (
    Delegation,
    DelegationMember,
    Meeting,
    MeetingCounterpart,
    Mission,
    MissionFigures,
    MissionPartner,
    MissionPhase,
    MissionSource,
    Visit,
)
from .base import Bilingual, Plan, RequestField, record_links
from .documents import DocumentInMissionSerializer
from .records import (
    CountryRef,
    ElectionRef,
    ElectionSerializer,
    OrganizationRef,
    PersonRef,
    RegionSerializer,
)

MISSION_LINKS = record_links("mission-detail", "mission_detail", "slug")


class MissionListSerializer(Bilingual):
    """A mission as the list shows it."""

    election = ElectionRef(read_only=True)
    country = CountryRef(source="election.country", read_only=True)
    observer_body = OrganizationRef(read_only=True)
    url = MISSION_LINKS["url"]
    html_url = MISSION_LINKS["html_url"]
    html_url_ru = MISSION_LINKS["html_url_ru"]
    translated = ("title",)

    class Meta:
        model = Mission
        fields = [
            "slug",
            "title",
            "title_ru",
            "election",
            "country",
            "observer_body",
            "monitoring",
            "starts",
            "ends",
            "published_at",
            "url",
            "html_url",
            "html_url_ru",
        ]


class MemberSerializer(Bilingual):
    person = PersonRef(read_only=True)
    round = serializers.IntegerField(source="round.number", read_only=True, allow_null=True)
    translated = ("position",)

    class Meta:
        model = DelegationMember
        fields = ["person", "role", "position", "position_ru", "group", "round"]


class DelegationSerializer(Bilingual):
    country = CountryRef(read_only=True, allow_null=True)
    organization = OrganizationRef(read_only=True, allow_null=True)
    partner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    members = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = Delegation
        fields = ["uid", "country", "organization", "partner", "members"]


class CounterpartSerializer(Bilingual):
    person = PersonRef(read_only=True)
    translated = ("position",)

    class Meta:
        model = MeetingCounterpart
        fields = ["person", "position", "position_ru"]


class MeetingSerializer(Bilingual):
    host = OrganizationRef(read_only=True, allow_null=True)
    led_by = PersonRef(read_only=True, allow_null=True)
    counterparts = CounterpartSerializer(many=True, read_only=True)
    translated = (
        "place",
        "summary",
    )

    class Meta:
        model = Meeting
        fields = [
            "uid",
            "date",
            "kind",
            "place",
            "place_ru",
            "host",
            "led_by",
            "summary",
            "summary_ru",
            "counterparts",
        ]


class VisitSerializer(Bilingual):
    region = RegionSerializer(read_only=True)
    country_abroad = serializers.SlugRelatedField(
        source="country", slug_field="code", read_only=True, allow_null=True
    )
    observers = PersonRef(many=True, read_only=True)
    round = serializers.IntegerField(source="round.number", read_only=True, allow_null=True)
    stages = serializers.ListField(child=serializers.CharField(), read_only=True)
    translated = ("notes",)

    class Meta:
        model = Visit
        fields = [
            "uid",
            "date",
            "region",
            "country_abroad",
            "round",
            "stages",
            "stations_visited",
            "notes",
            "notes_ru",
            "observers",
        ]


class PartnerSerializer(Bilingual):
    organization = OrganizationRef(read_only=True)
    head = PersonRef(read_only=True, allow_null=True)
    translated = ("role",)

    class Meta:
        model = MissionPartner
        fields = ["uid", "organization", "head", "role", "role_ru"]


class PhaseSerializer(Bilingual):
    class Meta:
        model = MissionPhase
        fields = ["uid", "kind", "starts", "ends"]


class SourceSerializer(Bilingual):
    class Meta:
        model = MissionSource
        fields = ["uid", "url", "title", "publisher", "date", "language"]


class FiguresSerializer(Bilingual):
    note = serializers.CharField(source="figures_note_en", read_only=True)
    note_ru = serializers.CharField(source="figures_note_ru", read_only=True)

    class Meta:
        model = MissionFigures
        fields = [*MissionFigures.KEYS, "note", "note_ru"]


@extend_schema_field(FiguresSerializer(allow_null=True))
class FiguresField(RequestField):
    """A mission's figures, or None when it has none."""

    def __init__(self):
        super().__init__(source="*", read_only=True)

    def represent(self, mission, request):
        figures = getattr(mission, "figures", None)
        return Plan.of(FiguresSerializer).represent(figures, request) if figures else None


class MissionDetailSerializer(MissionListSerializer):
    """A mission with everything its page shows."""

    election = ElectionSerializer(read_only=True)
    also_observed = ElectionRef(many=True, read_only=True)
    coordinator = PersonRef(read_only=True, allow_null=True)
    phases = PhaseSerializer(many=True, read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    figures = FiguresField()
    delegations = DelegationSerializer(many=True, read_only=True)
    meetings = MeetingSerializer(many=True, read_only=True)
    visits = VisitSerializer(many=True, read_only=True)
    documents = DocumentInMissionSerializer(many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    translated = ("title", "summary")

    class Meta:
        model = Mission
        fields = [
            *MissionListSerializer.Meta.fields,
            "summary",
            "summary_ru",
            "also_observed",
            "coordinator",
            "phases",
            "partners",
            "figures",
            "delegations",
            "meetings",
            "visits",
            "documents",
            "sources",
        ]
