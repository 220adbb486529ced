"""The public filters' choice fields: options written in Python, choices read in one query.

Django writes each `<option>` of a select through its form templates (some twenty template
nodes an option), reads a model's choices through `queryset.iterator()` (on PostgreSQL a
server-side cursor: DECLARE, FETCH, CLOSE) and checks a chosen one by a query of its own.
Here a select's choices are read once per form, or with `keep="name"` once per data version
and language. Every public FilterSet uses `ChoiceFilter` and `ModelChoiceFilter` from here.
"""

import copy
from functools import lru_cache

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from django_filters import fields
from django_filters.filters import FilterMethod

from ..aggregates import kept
from ..visibility import flags_fresh


def shown(value):
    """`{{ value }}` as a template prints it: localized, then escaped."""
    return conditional_escape(localize(template_localtime(value)))


def formatted(value):
    """`{{ value|stringformat:'s' }}` as a template prints it."""
    text = str(value)  # what "%s" % value gives, tuples included
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def attributes(attrs):
    """What Django's `attrs.html` writes for these attributes."""
    return "".join(
        f" {shown(name)}" if value is True else f' {shown(name)}="{formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class OptionsSelect(forms.Select):
    """A select written in Python, byte for byte what `select.html` and `select_option.html`
    write for it (`tests/test_filter_choices.py` compares the two)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        parts = [f'<select name="{shown(name)}"{attributes(attrs)}>']
        self.write_options(parts, self.format_value(value))
        parts.append("\n</select>")
        return mark_safe("".join(parts))

    def write_options(self, parts, chosen):
        """The options and their groups, selected as `ChoiceWidget.optgroups` selects them."""
        has_selected = False
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            if isinstance(option_label, (list, tuple)):
                group, options = option_value, option_label
            else:
                group, options = None, [(option_value, option_label)]
            if group:
                parts.append(f'\n  <optgroup label="{shown(group)}">')
            for value, label in options:
                selected = str(value) in chosen and (
                    self.allow_multiple_selected or not has_selected
                )
                has_selected |= selected
                mark = " selected" if selected else ""
                # select_option.html ends with a newline, so each option ends a line
                parts.append(
                    f'\n  <option value="{formatted(value)}"{mark}>{shown(label)}</option>\n'
                )
            if group:
                parts.append("\n  </optgroup>")


def read(function, keep):
    """function()'s result; with a name in `keep`, once per data version and language (the
    list depends on nothing else: missions/aggregates.py, retired by every write)."""
    if not keep:
        return function()
    return kept(f"choices|{keep}|{get_language()}", function)


class ReadOnce(BaseChoiceIterator):
    """Choices from a function, called once per form: validating and rendering read one list."""

    def __init__(self, function, keep=None):
        self.function = function
        self.keep = keep
        self.read = None

    def __iter__(self):
        if self.read is None:
            self.read = list(normalize_choices(read(self.function, self.keep)))
        return iter(self.read)

    def __deepcopy__(self, memo):
        return ReadOnce(self.function, self.keep)  # each form reads its own


class ChoiceField(fields.ChoiceField):
    """`keep`: a name under which the choices of a function are kept (see `read`)."""

    widget = OptionsSelect

    def __init__(self, *, choices=(), keep=None, **kwargs):
        if callable(choices):
            choices = ReadOnce(choices, keep)
        super().__init__(choices=choices, **kwargs)

    def __deepcopy__(self, memo):
        """A form's copy: its own widget and ReadOnce; a list of choices is shared (never
        changed in place), where Django deep-copies every option and label."""
        result = forms.Field.__deepcopy__(self, memo)
        choices = self._choices.choices  # django-filter's ChoiceIterator wraps the list
        if isinstance(choices, ReadOnce):
            choices = copy.deepcopy(choices, memo)
        result._choices = result.widget.choices = self.iterator(result, choices)
        return result


class ModelChoiceIterator(fields.ModelChoiceIterator):
    """The field's records, read once (Django's iterator() reads them through a server-side
    cursor on PostgreSQL, on every read)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for record in self.field.records():
            yield self.choice(record)


class ModelChoiceField(fields.ModelChoiceField):
    """`keep`: a name under which the records offered are kept (see `read`)."""

    widget = OptionsSelect
    iterator = ModelChoiceIterator

    def __init__(self, *args, keep=None, **kwargs):
        self.keep = keep
        super().__init__(*args, **kwargs)

    def _set_queryset(self, queryset):
        self._records = None  # read again from the new queryset
        super()._set_queryset(queryset)

    queryset = property(fields.ModelChoiceField._get_queryset, _set_queryset)

    def __deepcopy__(self, memo):
        """A form's copy, sharing the queryset: it is only ever cloned (`records`, `get`),
        never run in place, so each form's records stay its own."""
        result = forms.Field.__deepcopy__(self, memo)
        result._records = None
        result.widget.choices = result.choices  # an iterator of the copy
        return result

    def records(self):
        """The records offered, in one ordinary query, once per form; the stored flags
        brought up to date first, as building the (shared) queryset once did."""
        if self._records is None:
            flags_fresh()
            self._records = read(lambda: list(self.queryset.all()), self.keep)
        return self._records

    def to_python(self, value):
        """The chosen record. A select's is found among the records it offers, read once for
        both; a hidden field's (a person among thousands) by its own query."""
        if self.null_label is not None and value == self.null_value:
            return value
        offered = isinstance(self.widget, forms.Select) and isinstance(value, str)
        if not offered or value in self.empty_values:
            return super().to_python(value)
        self.validate_no_null_characters(value)
        options = self.queryset.model._meta
        key = (
            options.pk
            if self.to_field_name in (None, "pk")
            else options.get_field(self.to_field_name)
        )
        try:
            wanted = key.to_python(value)
        except ValidationError:
            wanted = None
        for record in self.records():
            if wanted is not None and getattr(record, key.attname) == wanted:
                return record
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class ChoiceFilter(django_filters.ChoiceFilter):
    field_class = ChoiceField


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


def copied(filter_):
    """A filter's copy for one FilterSet: its own attributes, `extra` and method, sharing
    the values no request changes (labels, choices, querysets' functions)."""
    result = copy.copy(filter_)
    result.extra = filter_.extra.copy()
    if isinstance(filter_.__dict__.get("filter"), FilterMethod):
        result.filter = FilterMethod(result)
    if "_field" in filter_.__dict__:
        result._field = copy.deepcopy(filter_._field)
    return result


class Filters(dict):
    """A FilterSet's `base_filters`, which each FilterSet copies: filter by filter, cheaply."""

    def __deepcopy__(self, memo):
        return Filters((name, copied(filter_)) for name, filter_ in self.items())


@lru_cache(maxsize=64)
def form_class(filterset_class, language):
    """The form class of a FilterSet, built once per language from a FilterSet of its own:
    its fields depend on neither the request nor the data (choices are read per form)."""
    return filterset_class().new_form_class()


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, cheaper per request: its filters are copied without deep
    copies and its form class is built once per language (each form copies its fields)."""

    @classmethod
    def get_filters(cls):
        return Filters(super().get_filters())

    def get_form_class(self):
        return form_class(type(self), get_language())

    def new_form_class(self):
        return super().get_form_class()
