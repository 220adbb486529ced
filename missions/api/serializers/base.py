"""The shape every API record shares: both languages, and links to the API and the page."""

import copy

from django.db.models.manager import BaseManager
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import relations, serializers
from rest_framework.fields import SkipField, is_simple_callable

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

    def to_representation(self, instance):
        """What DRF's Serializer.to_representation gives, by the class's `Plan`."""
        return Plan.of(type(self)).represent(instance, self.context.get("request"))


class Plan:
    """How a serializer class represents a record: its readable fields, built and bound once
    per class and language, read in DRF's order with DRF's rules. DRF builds a serializer's
    fields for each serializer instance, and a nested serializer is a new instance in every
    record (some thirty per mission, most of its serializing time). A plan's fields keep no
    request: the one thing a record's fields read from the context is passed down instead."""

    plans = {}  # {(serializer class, language): its plan}

    @classmethod
    def of(cls, serializer_class):
        key = (serializer_class, get_language())
        plan = cls.plans.get(key)
        if plan is None:
            plan = cls.plans[key] = cls(serializer_class())
        return plan

    def __init__(self, serializer):
        self.steps = [step(field) for field in serializer._readable_fields]

    def represent(self, instance, request):
        record = {}
        for name, read, kind, target in self.steps:
            try:
                value = read(instance)
            except SkipField:
                continue
            if value is None or (isinstance(value, relations.PKOnlyObject) and value.pk is None):
                record[name] = None
            elif kind is ONE:
                record[name] = Plan.of(target).represent(value, request)
            elif kind is MANY:
                plan = Plan.of(target)
                rows = value.all() if isinstance(value, BaseManager) else value
                record[name] = [plan.represent(row, request) for row in rows]
            elif kind is REQUEST:
                record[name] = target.represent(value, request)
            else:
                record[name] = target.to_representation(value)
        return record


ONE, MANY, REQUEST, PLAIN = "one", "many", "request", "plain"
# Fields that read their serializer or the context: a Plan has neither.
NOT_PLANNED = (
    serializers.BaseSerializer,
    serializers.SerializerMethodField,
    relations.HyperlinkedRelatedField,
)


def step(field):
    """(name, how to read its value, its kind, the field or the nested serializer's class)."""
    if isinstance(field, serializers.ListSerializer) and isinstance(field.child, Bilingual):
        kind, represents = MANY, type(field.child)
    elif isinstance(field, Bilingual):
        kind, represents = ONE, type(field)
    elif isinstance(field, RequestField):
        kind, represents = REQUEST, field
    elif isinstance(field, NOT_PLANNED) or isinstance(
        getattr(field, "child_relation", None), NOT_PLANNED
    ):
        where = f"{type(field.parent).__name__}.{field.field_name}"
        raise TypeError(f"{where}: a {type(field).__name__} reads its serializer or context")
    else:
        kind, represents = PLAIN, field
    return field.field_name, reader(field), kind, represents


def reader(field):
    """field.get_attribute, one attribute read directly (as DRF reads it)."""
    if type(field).get_attribute is not serializers.Field.get_attribute:
        return field.get_attribute
    if field.source == "*":
        return lambda instance: instance
    if len(field.source_attrs) != 1:
        return field.get_attribute
    (attribute,) = field.source_attrs

    def read(instance):
        try:
            value = getattr(instance, attribute)
        except Exception:  # noqa: BLE001 (DRF's own handling: a missing row, a default, a skip)
            return field.get_attribute(instance)
        return field.get_attribute(instance) if is_simple_callable(value) else value

    return read


class RequestField(serializers.Field):
    """A read-only field whose value depends on the request alone besides the record."""

    def to_representation(self, value):
        return self.represent(value, self.context.get("request"))

    def represent(self, value, request):
        raise NotImplementedError


@extend_schema_field(OpenApiTypes.URI)
class LinkField(RequestField):
    """The absolute address of a record's API resource or HTML page."""

    def __init__(self, route, key, attribute=None, html=False, language="en", **kwargs):
        self.route, self.key, self.attribute = route, key, attribute or key
        self.html, self.language = html, language
        super().__init__(source="*", read_only=True, **kwargs)

    def represent(self, record, request):
        value = getattr(record, self.attribute)
        if self.attribute == "code":
            value = value.lower()
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
