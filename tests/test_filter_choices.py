"""The public filters' selects (missions/filters/choices.py): Django's markup, fewer queries."""

import pytest
from django import forms
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from missions import filters
from missions.filters.choices import ModelChoiceField, OptionsSelect
from missions.filters.missions import host_countries
from missions.models import Mission
from missions.visibility import public_missions

from . import factories

TRICKY = [
    ("", "Any <country>"),
    (None, "None as the value"),
    ("a&b", "Quotes \" and ' & <b>"),
    ("x", mark_safe("<em>safe</em>")),
    (2017, 2017),
    ("lazy", gettext_lazy("Year")),
    ("Group <1>", [("g1", "in a group"), ("g2", "another")]),
    ("", [("g3", "a group with no name")]),
    ("x", "the same value again"),
]


@pytest.mark.parametrize("value", [None, "", "x", "a&b", "2017", "g2", "nothing offered"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_f"}, {"id": 'id_"f"', "required": True, "disabled": False, "data-n": 3}],
)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_select_is_written_as_djangos_templates_write_it(value, attrs, language):
    with override(language):
        django = forms.Select(choices=TRICKY).render("f<", value, attrs=attrs)
        ours = OptionsSelect(choices=TRICKY).render("f<", value, attrs=attrs)
    assert ours == django


def test_a_multiple_select_is_written_as_djangos_templates_write_it():
    class Multiple(OptionsSelect):
        allow_multiple_selected = True

    chosen = ["x", "g1", "g2"]
    django = forms.SelectMultiple(choices=TRICKY).render("f", chosen, attrs={"id": "f"})
    assert Multiple(choices=TRICKY).render("f", chosen, attrs={"id": "f"}) == django


FILTERSETS = [getattr(filters, name) for name in filters.__all__]


@pytest.mark.parametrize("filterset", FILTERSETS, ids=filters.__all__)
def test_every_public_select_is_written_in_python(filterset, db):
    form = filterset(queryset=filterset._meta.model.objects.none()).form
    selects = [f for f in form.fields.values() if isinstance(f.widget, forms.Select)]
    assert selects, filterset
    for field in selects:
        assert type(field.widget) is OptionsSelect, field.label
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            assert isinstance(field, ModelChoiceField), field.label


@pytest.fixture
def two_hosts(db):
    factories.mission(election=factories.election(country=factories.country("KZ")))
    factories.mission(election=factories.election(country=factories.country("BY")))
    factories.mission(
        election=factories.election(country=factories.country("AM")),
        status=Mission.Status.DRAFT,
    )


def country_field(data):
    selection = filters.MissionFilter(data, queryset=public_missions())
    return selection, selection.form["country"]


def test_a_chosen_country_is_checked_among_the_choices_read_for_the_select(two_hosts):
    with CaptureQueriesContext(connection) as queries:
        selection, field = country_field({"country": "KZ"})
        assert selection.is_valid()
        html = str(field)
    assert selection.form.cleaned_data["country"].code == "KZ"
    assert '<option value="KZ" selected>Kazakhstan</option>' in html
    assert '<option value="BY">Belarus</option>' in html
    assert "AM" not in html  # a draft's host is not offered
    assert len(queries) == 1  # the choices, read once for checking and rendering


@pytest.mark.parametrize("value", ["AM", "kz", "KZ ", "XX", "K\x00Z"])
def test_a_country_not_offered_is_refused_as_before(two_hosts, value):
    selection, field = country_field({"country": value})
    assert not selection.is_valid()
    plain = forms.ModelChoiceField(queryset=host_countries(), to_field_name="code")
    with pytest.raises(ValidationError) as refused:  # what Django's own field says
        plain.clean(value)
    assert selection.form.errors["country"] == refused.value.messages
    assert " selected" not in str(field)


def test_the_choices_are_read_without_a_server_side_cursor(two_hosts, monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("a server-side cursor for a filter's choices")

    monkeypatch.setattr(connection, "chunked_cursor", refused)
    for filterset in FILTERSETS:
        form = filterset({}, queryset=filterset._meta.model.objects.all()).form
        assert "<select" in "".join(str(field) for field in form)


def test_a_hidden_record_is_checked_by_its_own_query_not_by_listing_everyone(db):
    person = factories.full_mission().coordinator
    with CaptureQueriesContext(connection) as queries:
        selection = filters.MissionFilter({"person": person.slug}, queryset=public_missions())
        assert selection.form.is_valid()
    assert selection.form.cleaned_data["person"] == person
    (query,) = queries
    assert '"slug" = ' in query["sql"]


def test_years_are_read_once_for_checking_and_rendering(two_hosts):
    with CaptureQueriesContext(connection) as queries:
        selection = filters.MissionFilter({"year": "2020"}, queryset=public_missions())
        assert selection.is_valid()
        html = str(selection.form["year"])
    assert '<option value="2020" selected>2020</option>' in html
    assert len(queries) == 1
    again = filters.MissionFilter({"year": "2020"}, queryset=public_missions())
    assert "2020" in str(again.form["year"])  # each form reads its own


# Kept choices: with the figures' cache on (as in production), each list is read once per
# data version and language, and every committed write replaces the version.


@pytest.fixture
def kept_choices(settings):
    settings.CACHES = {
        **settings.CACHES,
        "figures": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["figures"].clear()
    yield
    caches["figures"].clear()


def offered_hosts(client, language="en", query=""):
    response = client.get(f"/{language}/missions/{query}")
    html = response.content.decode()
    select = html[html.index('<select name="country"') :]
    return select[: select.index("</select>")], response


def test_kept_choices_follow_a_publish_and_an_unpublish(two_hosts, kept_choices, client, committed):
    draft = Mission.objects.get(status=Mission.Status.DRAFT)
    select, _ = offered_hosts(client)
    assert "Kazakhstan" in select and "Armenia" not in select
    assert "Armenia" not in offered_hosts(client)[0]  # kept, still without the draft's host
    _, refused = offered_hosts(client, query="?country=AM")
    assert refused.context["filter"].form.errors["country"]

    draft.status = Mission.Status.PUBLISHED
    committed(draft)
    select, _ = offered_hosts(client)
    assert '<option value="AM">Armenia</option>' in select
    _, chosen = offered_hosts(client, query="?country=AM")
    assert not chosen.context["filter"].form.errors
    assert chosen.context["paginator"].count == 1

    draft.status = Mission.Status.DRAFT
    committed(draft)
    assert "Armenia" not in offered_hosts(client)[0]
    _, refused = offered_hosts(client, query="?country=AM")
    assert refused.context["filter"].form.errors["country"]


def test_kept_choices_are_read_once_per_language(two_hosts, kept_choices, client):
    with CaptureQueriesContext(connection) as first:
        english, _ = offered_hosts(client)
    with CaptureQueriesContext(connection) as second:
        assert offered_hosts(client)[0] == english
    # the host countries, years, observing bodies and sending nations: kept
    assert len(second) == len(first) - 4
    russian, _ = offered_hosts(client, "ru")
    assert "Казахстан" in russian and "Kazakhstan" not in russian


def test_a_write_not_committed_yet_keeps_the_kept_choices(two_hosts, kept_choices, client):
    offered_hosts(client)
    draft = Mission.objects.get(status=Mission.Status.DRAFT)
    draft.status = Mission.Status.PUBLISHED
    draft.save()  # inside the test's transaction: nobody else could see it yet
    assert "Armenia" not in offered_hosts(client)[0]
