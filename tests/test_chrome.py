"""Every page's chrome (base.html): the parts kept per language and section ({% chrome %}) show
the right section, language and settings, see nothing of the page, and the switcher's and
alternates' addresses are what Django's `translate_url` gives."""

import re
from html import unescape

import pytest
from django.template import TemplateSyntaxError, engines
from django.test import override_settings
from django.urls import resolve, translate_url
from django.utils import translation

from missions.templatetags.languages import own_match, page_in_languages, translated_urls

pytestmark = pytest.mark.django_db


def current_nav_item(html):
    nav = html.split('<nav aria-label="')[1].split("</nav>")[0]
    return re.findall(r'<a href="([^"]+)" aria-current="page">([^<]+)</a>', nav)


def test_each_page_marks_its_own_section_in_its_own_language(client):
    pages = [
        ("/en/people/", ("/en/people/", "People")),
        ("/en/countries/", ("/en/countries/", "Countries")),
        ("/ru/people/", ("/ru/people/", "Люди")),
        ("/ru/countries/", ("/ru/countries/", "Страны")),
        ("/en/people/", ("/en/people/", "People")),
    ]
    for path, item in pages:
        html = client.get(path).text
        assert current_nav_item(html) == [item], path
        assert f'<a class="brand" href="/{path[1:3]}/">' in html


def test_a_page_without_a_section_marks_none(client):
    client.get("/en/people/")
    assert current_nav_item(client.get("/en/missions/no-such-mission/").text) == []


def test_a_changed_setting_changes_the_chrome(client):
    assert '<link rel="stylesheet" href="/static/css/site.css">' in client.get("/en/people/").text
    with override_settings(STATIC_URL="/assets/"):
        html = client.get("/en/people/").text
    assert '<link rel="stylesheet" href="/assets/css/site.css">' in html


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def test_the_kept_part_sees_only_the_variables_it_names():
    source = "{% load chrome %}{% chrome section %}[{{ section }}|{{ secret }}]{% endchrome %}"
    assert render(source, section="people", secret="s1") == "[people|]"
    assert render(source, section="countries", secret="s2") == "[countries|]"
    assert render(source, secret="s3") == "[|]"


def test_the_kept_part_follows_the_language():
    source = '{% load i18n chrome %}{% chrome %}{% translate "People" %}{% endchrome %}'
    with translation.override("en"):
        assert render(source) == "People"
    with translation.override("ru"):
        assert render(source) == "Люди"


def test_a_block_cannot_be_kept():
    with pytest.raises(TemplateSyntaxError, match="no {% block %}"):
        render("{% load chrome %}{% chrome %}{% block title %}{% endblock %}{% endchrome %}")


@pytest.mark.parametrize(
    "url",
    [
        "/en/countries/",
        "/ru/missions/some-mission/?country=KZ&sort=oldest",
        "/en/people/%D0%B0/",
        "/en/regions/007/",
        "/en/no-such-page/",
        "/sitemap.xml",
        "http://testserver/en/missions/#figures",
    ],
)
def test_the_page_in_every_language_is_what_translate_url_gives(url):
    for language in ("en", "ru"):
        with translation.override(language):
            expected = [translate_url(url, "en"), translate_url(url, "ru")]
            assert translated_urls(url, ["en", "ru"]) == expected


def alternates_and_switcher(html):
    link = r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">'
    alternates = {code: unescape(url) for code, url in re.findall(link, html)}
    nav = html.split('class="language-switcher"')[1].split("</nav>")[0]
    current = re.findall(r'<span aria-current="true" lang="([a-z]+)">', nav)
    links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', nav)
    return alternates, current, {code: unescape(url) for url, code in links}


@pytest.mark.parametrize(
    "url",
    [
        "/en/countries/",
        "/ru/countries/",
        "/en/people/?letter=a&sort=name",
        "/ru/regions/?q=%3Cb%3E",
        "/en/organizations/",
    ],
)
@pytest.mark.parametrize("script_name", [None, "/archive"])
def test_a_page_links_itself_in_every_language_as_translate_url_gives(client, url, script_name):
    """The request's own URL resolution stands in for resolving the path again, only where
    resolving it would give the same (under a script prefix translate_url leaves it as it is)."""
    with override_settings(FORCE_SCRIPT_NAME=script_name):
        response = client.get(url)
        full_path = response.wsgi_request.get_full_path()
        with translation.override(url[1:3]):
            expected = {code: translate_url(full_path, code) for code in ("en", "ru")}
    alternates, current, links = alternates_and_switcher(response.text)
    assert alternates == {code: f"http://testserver{path}" for code, path in expected.items()}
    assert current == [url[1:3]]
    assert links == {code: path for code, path in expected.items() if code != url[1:3]}


def test_a_page_rendered_in_another_language_than_it_was_resolved_in(rf):
    """A request resolved under /en/ but rendered with Russian active: translate_url's answer
    (the path cannot be resolved in Russian), not the request's own resolution."""
    request = rf.get("/en/countries/")
    request.LANGUAGE_CODE = "en"
    with translation.override("en"):
        request.resolver_match = resolve("/en/countries/")
        assert own_match(request, "/en/countries/") is request.resolver_match
        assert own_match(request, "/en/people/") is None
    with translation.override("ru"):
        assert own_match(request, "/en/countries/") is None
        urls = [language["url"] for language in page_in_languages({"request": request})]
        assert urls == [translate_url(request.path, code) for code in ("en", "ru")]
