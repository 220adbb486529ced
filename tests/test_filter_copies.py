"""The public filters' per-request copies (missions/filters/choices.py): what one request's
form holds (choices, chosen values, errors, language) never reaches another's."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import override

from missions import filters
from missions.filters.choices import form_class
from missions.filters.missions import host_countries
from missions.visibility import public_missions

from . import factories


@pytest.fixture
def two_hosts(db):
    factories.mission(election=factories.election(country=factories.country("KZ")))
    factories.mission(election=factories.election(country=factories.country("BY")))


def selection(data, language):
    with override(language):
        chosen = filters.MissionFilter(data, queryset=public_missions())
        chosen.is_valid()
        errors = {name: list(errors) for name, errors in chosen.form.errors.items()}
        return chosen, str(chosen.form["country"]), errors


def refusal(value, language):
    """What Django's own field says of a country not offered, in that language."""
    plain = forms.ModelChoiceField(queryset=host_countries(), to_field_name="code")
    with override(language):
        with pytest.raises(ValidationError) as refused:
            plain.clean(value)
        return refused.value.messages


def test_two_requests_in_two_languages_keep_their_own_choice_and_errors(two_hosts):
    english, english_html, english_errors = selection({"country": "KZ"}, "en")
    russian, russian_html, russian_errors = selection({"country": "XX"}, "ru")
    again, again_html, again_errors = selection({"sort": "oldest"}, "en")

    assert english.form.cleaned_data["country"].code == "KZ"
    assert '<option value="KZ" selected>Kazakhstan</option>' in english_html
    assert english_errors == {}
    assert russian_errors == {"country": refusal("XX", "ru")}
    assert refusal("XX", "ru") != refusal("XX", "en")  # the message is translated
    assert " selected" not in russian_html
    assert "Казахстан" in russian_html and "Kazakhstan" not in russian_html
    assert again_html.count(" selected") == 1 and '<option value="" selected>' in again_html
    assert again_errors == {}
    assert again.form.cleaned_data["sort"] == "oldest"
    assert english.form.cleaned_data["sort"] == ""
    # each form its own fields and widgets, none the form class's own
    fields = [chosen.form.fields["country"] for chosen in (english, russian, again)]
    base = english.form.base_fields["country"]
    assert len({id(field) for field in [*fields, base]}) == 4
    assert len({id(field.widget) for field in [*fields, base]}) == 4
    assert all(field.widget.choices.field is field for field in fields)


def test_a_form_class_is_built_once_per_language(two_hosts):
    with override("en"):
        english = filters.MissionFilter({}).form
    with override("ru"):
        russian = filters.MissionFilter({}).form
    with override("en"):
        again = filters.MissionFilter({}).form
    assert type(english) is type(again) is form_class(filters.MissionFilter, "en")
    assert type(russian) is not type(english)


def test_a_form_reads_the_choices_of_its_own_request(two_hosts):
    _, before, _ = selection({}, "en")
    factories.mission(election=factories.election(country=factories.country("AM")))
    chosen, after, _ = selection({"country": "AM"}, "en")
    assert 'value="AM"' not in before
    assert '<option value="AM" selected>Armenia</option>' in after
    assert chosen.is_valid()
    # the queryset the forms share is only cloned, never run and cached in place
    for name in ("country", "observer", "sender", "person", "organization", "region"):
        assert chosen.form.base_fields[name].queryset._result_cache is None, name


def test_a_years_choice_is_read_per_form(two_hosts):
    first, _, _ = selection({"year": "2031"}, "en")
    factories.mission(starts=datetime.date(2031, 3, 1), ends=datetime.date(2031, 3, 10))
    second, _, _ = selection({"year": "2031"}, "en")
    assert "year" in first.form.errors
    assert second.is_valid() and second.form.cleaned_data["year"] == "2031"


def test_each_filterset_has_its_own_filters(two_hosts):
    one = filters.MissionFilter({"sort": "oldest"}, queryset=public_missions())
    two = filters.MissionFilter({"sort": "newest"}, queryset=public_missions())
    for name, filter_ in one.filters.items():
        other = two.filters[name]
        assert filter_ is not other and filter_.extra is not other.extra, name
        assert filter_.parent is one and other.parent is two
    assert one.filters["sort"].filter.f is one.filters["sort"]
    assert one.qs.query.order_by[0] == "starts"
    assert two.qs.query.order_by[0] == "-starts"


def test_an_index_filter_sets_its_countries_on_its_own_copy(db):
    people = filters.PersonFilter({})
    assert "keep" not in filters.PersonFilter.base_filters["country"].extra
    assert people.filters["country"].extra["keep"] == "countries-of-person"
    assert filters.OrganizationFilter({}).filters["country"].extra["keep"] == (
        "countries-of-organization"
    )
