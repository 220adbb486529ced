"""Hostile input on public pages: any query string or path value gives a page, 400 or 404, never
a 500, and text from the database or the query is always escaped."""

from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missions import urls as public_urls
from missions.filters import MissionFilter, PersonFilter
from missions.models import Mission
from missions.public_flags import batched_flags

from . import factories
from .public_data import tmp_media  # noqa: F401
from .test_query_counts import build_world

pytestmark = pytest.mark.django_db

FINE = {200, 301, 302, 400, 404}
SLUG = "kz-senate-2017-ipa-cis"

# Every public page, with the path values that lead to a real record.
PAGES = {
    "missions:home": {},
    "missions:mission_list": {},
    "missions:search": {},
    "missions:mission_detail": {"slug": SLUG},
    "missions:mission_preview": {"slug": SLUG},
    "missions:election_detail": {"slug": "kz-senate-2017"},
    "missions:country_detail": {"code": "kz"},
    "missions:person_detail": {"slug": "ilyas-umakhanov"},
    "missions:organization_detail": {"slug": "ipa-cis"},
    "missions:election_list": {},
    "missions:country_list": {},
    "missions:person_list": {},
    "missions:organization_list": {},
    "missions:region_list": {},
    "missions:region_detail": {"pk": 1},
    "missions:feed_missions": {},
    "missions:feed_documents": {},
    "missions:upcoming_ics": {},
    "missions:recommendation_list": {},
    "missions:recommendation_detail": {"slug": SLUG, "number": 1},
    "missions:statistics": {},
    "missions:statistics_csv": {"key": "countries-observed"},
    "missions:mission_chart_csv": {"slug": SLUG, "key": "mission-team"},
    "sitemap": {},
    "robots": {},
}
PARAMETERS = sorted({*MissionFilter.base_filters, *PersonFilter.base_filters, "page", "show"})

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
values = st.one_of(
    texts,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(["", "0", "-1", "1e9", "kz", "KZ", "ipa-cis", "oldest", "newest", "2017"]),
    st.sampled_from(["<script>alert(1)</script>", "' OR 1=1 --", "%00", "\x00", "../../etc"]),
)
query_strings = st.lists(
    st.tuples(st.one_of(st.sampled_from(PARAMETERS), texts), values), max_size=6
)
HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def seed():
    return factories.load_seed()


def get(client, url):
    response = client.get(url)
    assert response.status_code in FINE, (url, response.status_code)
    return response


def test_every_public_url_is_covered():
    names = {f"missions:{pattern.name}" for pattern in public_urls.urlpatterns}
    assert names | {"sitemap", "robots"} == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_any_query_string_gives_a_page_not_an_error(client, seed, name):
    url = reverse(name, kwargs=PAGES[name])

    @HYPOTHESIS
    @given(query=query_strings)
    def check(query):
        get(client, f"{url}?{urlencode(query)}")

    check()


PATH_VALUES = sorted((name, key) for name, kwargs in PAGES.items() for key in kwargs)


@pytest.mark.parametrize(("name", "key"), PATH_VALUES)
def test_any_path_value_gives_a_page_or_404(client, seed, name, key):
    """Each path value in turn, the others leading to the real record."""
    placeholder = "987654321"  # fits every converter, <int:pk> included
    template = reverse(name, kwargs=PAGES[name] | {key: placeholder})

    @HYPOTHESIS
    @given(value=st.one_of(texts, values).filter(bool))
    def check(value):
        get(client, template.replace(placeholder, quote(value, safe="")))

    check()


def test_query_text_is_escaped_when_shown_again(client, seed):
    hostile = '"><script>alert(1)</script>'
    html = get(client, f"{reverse('missions:mission_list')}?{urlencode({'q': hostile})}")
    assert hostile not in html.content.decode()


def test_database_text_is_escaped_on_every_page(client, seed):
    hostile = "<script>alert('x')</script>"
    Mission.objects.filter(slug=SLUG).update(title=hostile, summary=hostile)
    seed.election.__class__.objects.filter(pk=seed.election_id).update(name=hostile)
    for name, kwargs in PAGES.items():
        response = get(client, reverse(name, kwargs=kwargs))
        assert hostile not in response.content.decode(), name
    html = get(client, reverse("missions:mission_detail", kwargs={"slug": SLUG})).content
    assert b"&lt;script&gt;" in html


def free_text(field):
    """A field staff type free text into (not a code, a choice, a slug or an address)."""
    plain = isinstance(field, (models.CharField, models.TextField))
    coded = isinstance(field, (models.SlugField, models.URLField, models.EmailField))
    roomy = (field.max_length or 1000) >= 50  # not a language or country code
    return plain and roomy and not coded and not field.choices and not field.unique


def test_every_text_of_a_mission_is_escaped_on_its_page(client, tmp_media):  # noqa: F811
    """Every free text of every record, markup: the mission page (its body rendered by
    Jinja2, missions/jinja.py) shows it as text, in both languages."""
    with batched_flags():
        mission = build_world(1)[0]
    hostile = "<script>alert('x')</script>"
    numbered = Concat(Value(hostile), Cast("pk", models.CharField()))  # unique where it must be
    for model in apps.get_app_config("missions").get_models():
        texts = {f.name: numbered for f in model._meta.concrete_fields if free_text(f)}
        if texts:
            model.objects.update(**texts)
    for language in ("en", "ru"):
        html = get(client, f"/{language}/missions/{mission.slug}/").content.decode()
        assert "<script>alert(" not in html, language
        assert html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") > 20, language


# What search engines give meaning to, and what breaks drivers: FTS5 and tsquery syntax,
# NEAR and OR, a query longer than anyone types, NUL, lone surrogates (as a browser may
# percent-encode them), unbalanced quotes.
HOSTILE_QUERIES = [
    '"*:^()-',
    '"',
    '"""',
    "*",
    "kazakhstan*",
    "^senate",
    "title:senate",
    "stems_body:senat",
    "senate NEAR tokaev",
    "NEAR(senate tokaev, 2)",
    "senate OR tokaev",
    "OR",
    "AND NOT",
    "- senate",
    "senate & tokaev | !umakhanov",
    "senate <-> tokaev",
    "'senate':*",
    "(((((",
    "\\",
    "%",
    "_",
    "a" * 5000,
    "senate " * 800,
    "\x00",
    "senate\x00tokaev",
    "\ud800",
    "senate\udfff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
]


def encoded(text):
    """The query string a browser sends: lone surrogates as their (invalid) UTF-8 bytes."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_search_gives_a_normal_page(client, seed, query, language):
    search, missions = f"/{language}/search/", f"/{language}/missions/"
    for path, extra in [
        (search, ""),
        (search, "&show=document"),
        (search, "&show=mission&page=99999"),  # past the end: the last page
        (search, "&country=KZ&year=x"),
        (missions, ""),
        (missions, "&country=KZ"),
    ]:
        response = client.get(f"{path}?q={encoded(query)}{extra}")
        # NUL is refused site-wide with a 400 that says so (observers_site/middleware.py).
        expected = 400 if "\x00" in query else 200
        assert response.status_code == expected, (path, query[:40], extra)
        assert b"<script>alert" not in response.content


def test_the_engines_never_see_nul_or_surrogates():
    from missions.search.query import search

    for text in ("senate\x00tokaev", "\ud800senate", "\udfff"):
        query, totals, _groups = search(text)
        assert "\x00" not in query.text and "\ud800" not in query.text
        assert all(count == 0 for count in totals.values())


def test_search_syntax_is_read_as_words(client, seed):
    """Operators are words, not syntax: "senate OR tokaev" needs both, NEAR finds nothing."""
    from missions.search.index import search_index_rebuild

    search_index_rebuild()
    html = client.get(f"/en/search/?q={encoded('senate OR nosuchword')}").content.decode()
    assert "Things to try" in html
    html = client.get(f"/en/search/?q={encoded('(senate) tokaev*')}").content.decode()
    assert f"/missions/{SLUG}/" in html
