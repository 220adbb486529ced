"""Hostile input on public pages: any query string or path value gives a page, 400 or 404, never
a 500, and text from the database or the query is always escaped."""

from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missions import urls as public_urls
from missions.filters import MissionFilter, PersonFilter
from missions.models import Mission

from . import factories

pytestmark = pytest.mark.django_db

FINE = {200, 301, 302, 400, 404}
SLUG = "kz-senate-2017-ipa-cis"

# Every public page, with the path values that lead to a real record.
PAGES = {
    "missions:home": {},
    "missions:mission_list": {},
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
    "sitemap": {},
    "robots": {},
}
PARAMETERS = sorted({*MissionFilter.base_filters, *PersonFilter.base_filters, "page"})

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


@pytest.mark.parametrize("name", sorted(name for name, kwargs in PAGES.items() if kwargs))
def test_any_path_value_gives_a_page_or_404(client, seed, name):
    (key,) = PAGES[name]
    placeholder = "987654321"  # fits every converter, <int:pk> included
    template = reverse(name, kwargs={key: placeholder})

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
