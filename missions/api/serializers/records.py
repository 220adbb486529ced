"""Shared records: countries, organizations, people, elections and their rounds, regions."""

from rest_framework import serializers

from ...models import (
    Country,
    Election,
    ElectionRound,
    Organization,
    Person,
    Region,
)
from .base import Bilingual, record_links

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
