"""What each API record holds. A translated field `x` is English, `x_ru` Russian."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    Assessment,
    Country,
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    Election,
    ElectionRound,
    Meeting,
    MeetingCounterpart,
    Mission,
    MissionFigures,
    MissionPartner,
    MissionPhase,
    MissionSource,
    Organization,
    Person,
    Recommendation,
    Region,
    Visit,
)
from . import links


class Bilingual(serializers.ModelSerializer):
    """A model serializer whose `translated` fields `x` read the English column, `x_ru` the
    Russian (reading `x` alone would give the request's language)."""

    translated = ()

    def get_fields(self):
        fields = super().get_fields()
        for name in self.translated:
            fields[name] = serializers.CharField(
                source=f"{name}_en", read_only=True, allow_null=True
            )
            fields[f"{name}_ru"] = serializers.CharField(read_only=True, allow_null=True)
        return fields


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """The absolute address of a record's API resource or HTML page."""

    def __init__(self, route, key, attribute=None, html=False, language="en", **kwargs):
        self.route, self.key, self.attribute = route, key, attribute or key
        self.html, self.language = html, language
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        value = getattr(record, self.attribute)
        if self.attribute == "code":
            value = value.lower()
        request = self.context.get("request")
        if self.html:
            return links.html_url(request, self.route, self.language, **{self.key: value})
        return links.api_url(request, self.route, **{self.key: value})


def record_links(api_route, html_route, key, attribute=None):
    """`url` (API record), `html_url` and `html_url_ru` (the public pages)."""
    return {
        "url": LinkField(api_route, key, attribute),
        "html_url": LinkField(html_route, key, attribute, html=True),
        "html_url_ru": LinkField(html_route, key, attribute, html=True, language="ru"),
    }


COUNTRY_LINKS = record_links("country-detail", "country_detail", "code")


class CountryRef(Bilingual):
    translated = ("name",)
    url = COUNTRY_LINKS["url"]
    html_url = COUNTRY_LINKS["html_url"]
    html_url_ru = COUNTRY_LINKS["html_url_ru"]

    class Meta:
        model = Country
        fields = ["code", "name", "name_ru", "url", "html_url", "html_url_ru"]


ORGANIZATION_LINKS = record_links("organization-detail", "organization_detail", "slug")


class OrganizationRef(Bilingual):
    translated = (
        "name",
        "short_name",
    )
    url = ORGANIZATION_LINKS["url"]
    html_url = ORGANIZATION_LINKS["html_url"]

    class Meta:
        model = Organization
        fields = ["slug", "name", "name_ru", "short_name", "short_name_ru", "url", "html_url"]


PERSON_LINKS = record_links("person-detail", "person_detail", "slug")


class PersonRef(Bilingual):
    url = PERSON_LINKS["url"]
    html_url = PERSON_LINKS["html_url"]

    class Meta:
        model = Person
        fields = ["slug", "name", "name_original", "url", "html_url"]


ELECTION_LINKS = record_links("election-detail", "election_detail", "slug")


class ElectionRef(Bilingual):
    translated = ("name",)
    url = ELECTION_LINKS["url"]
    html_url = ELECTION_LINKS["html_url"]

    class Meta:
        model = Election
        fields = ["slug", "name", "name_ru", "kind", "voting_day", "url", "html_url"]


REGION_LINKS = record_links("region-detail", "region_detail", "pk", "pk")


class RegionSerializer(Bilingual):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    url = REGION_LINKS["url"]
    html_url = REGION_LINKS["html_url"]
    html_url_ru = REGION_LINKS["html_url_ru"]

    class Meta:
        model = Region
        fields = ["id", "name", "name_ru", "kind", "country", "url", "html_url", "html_url_ru"]


class CountrySerializer(CountryRef):
    pass


class OrganizationSerializer(OrganizationRef):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    website = serializers.CharField(source="url", read_only=True)
    html_url_ru = ORGANIZATION_LINKS["html_url_ru"]

    class Meta:
        model = Organization
        fields = [
            *OrganizationRef.Meta.fields,
            "html_url_ru",
            "kind",
            "country",
            "parent",
            "website",
        ]


class PersonSerializer(PersonRef):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    html_url_ru = PERSON_LINKS["html_url_ru"]

    class Meta:
        model = Person
        fields = [*PersonRef.Meta.fields, "html_url_ru", "country"]


class RoundSerializer(Bilingual):
    class Meta:
        model = ElectionRound
        fields = ["number", "kind", "voting_day"]


class RoundRef(RoundSerializer):
    """A round named from elsewhere: its election's slug and its number."""

    election = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ElectionRound
        fields = ["election", *RoundSerializer.Meta.fields]


class ElectionSerializer(ElectionRef):
    country = CountryRef(read_only=True)
    body = OrganizationRef(read_only=True, allow_null=True)
    rounds = RoundSerializer(many=True, read_only=True)
    html_url_ru = ELECTION_LINKS["html_url_ru"]

    class Meta:
        model = Election
        fields = [*ElectionRef.Meta.fields, "html_url_ru", "country", "body", "rounds"]


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


class FileSerializer(Bilingual):
    filename = serializers.CharField(read_only=True)
    download_url = serializers.SerializerMethodField()
    translated = ("title",)

    class Meta:
        model = DocumentFile
        fields = [
            "uid",
            "title",
            "title_ru",
            "language",
            "filename",
            "media_type",
            "size",
            "download_url",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_download_url(self, record):
        return links.file_url(self.context.get("request"), record)


class RecommendationRef(Bilingual):
    mission = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = LinkField("recommendation-detail", "pk", "pk")
    translated = (
        "text",
        "addressee",
    )

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "mission",
            "number",
            "text",
            "text_ru",
            "topic",
            "addressee",
            "addressee_ru",
            "priority",
            "url",
        ]


class AssessmentSerializer(Bilingual):
    recommendation = RecommendationRef(read_only=True)
    translated = ("note",)

    class Meta:
        model = Assessment
        fields = ["uid", "recommendation", "status", "note", "note_ru"]


DOCUMENT_FIELDS = [
    "uid",
    "mission",
    "kind",
    "date",
    "title",
    "title_ru",
    "issuer",
    "co_issuers",
    "source_url",
    "language",
    "rounds",
    "findings",
    "findings_ru",
    "body",
    "body_ru",
    "files",
    "url",
]


class DocumentSerializer(Bilingual):
    mission = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    issuer = OrganizationRef(read_only=True, allow_null=True)
    co_issuers = OrganizationRef(many=True, read_only=True)
    rounds = RoundRef(many=True, read_only=True)
    source_url = serializers.CharField(source="url", read_only=True)
    files = FileSerializer(many=True, read_only=True)
    url = LinkField("document-detail", "uid")
    translated = (
        "title",
        "findings",
        "body",
    )

    class Meta:
        model = Document
        fields = DOCUMENT_FIELDS


class DocumentInMissionSerializer(DocumentSerializer):
    """A document on its mission's record, with the recommendations and assessments it made."""

    recommendations = RecommendationRef(many=True, read_only=True)
    assessments = AssessmentSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = [*DOCUMENT_FIELDS, "recommendations", "assessments"]


class RecommendationSerializer(RecommendationRef):
    document = serializers.SlugRelatedField(slug_field="uid", read_only=True)

    class Meta:
        model = Recommendation
        fields = [*RecommendationRef.Meta.fields, "document"]


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


class MissionDetailSerializer(MissionListSerializer):
    """A mission with everything its page shows."""

    election = ElectionSerializer(read_only=True)
    also_observed = ElectionRef(many=True, read_only=True)
    coordinator = PersonRef(read_only=True, allow_null=True)
    phases = PhaseSerializer(many=True, read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    figures = serializers.SerializerMethodField()
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

    @extend_schema_field(FiguresSerializer(allow_null=True))
    def get_figures(self, mission):
        figures = getattr(mission, "figures", None)
        return FiguresSerializer(figures, context=self.context).data if figures else None
