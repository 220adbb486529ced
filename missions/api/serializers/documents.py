"""Documents, their files, recommendations and assessments."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import (
    Assessment,
    Document,
    DocumentFile,
    Recommendation,
)
from .. import links
from .base import Bilingual, LinkField, RequestField
from .records import OrganizationRef, RoundRef


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class DownloadLink(RequestField):
    """Where a document's file is downloaded (None until the public file route exists)."""

    def __init__(self):
        super().__init__(source="*", read_only=True)

    def represent(self, record, request):
        return links.file_url(request, record)


class FileSerializer(Bilingual):
    filename = serializers.CharField(read_only=True)
    download_url = DownloadLink()
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
