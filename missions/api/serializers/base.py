"""The shape every API record shares: both languages, and links to the API and the page."""

import copy

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import links


class Bilingual(serializers.ModelSerializer):
    """A model serializer whose `translated` fields `x` read the English column, `x_ru` the
    Russian (reading `x` alone would give the request's language)."""

    translated = ()
    built_fields = {}  # {(serializer class, language): its fields}, built once per process

    def get_fields(self):
        """The class's fields, copied (as DRF copies its declared fields for each serializer)
        from the ones built on first use in the active language (their labels, which the
        OpenAPI schema shows, are in it): building them reads the model's fields and
        validators each time, most of a record's serializing time."""
        key = (type(self), get_language())
        built = Bilingual.built_fields.get(key)
        if built is None:
            built = Bilingual.built_fields[key] = self.build_fields()
        return copy.deepcopy(built)

    def build_fields(self):
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
