"""The public site in English and Russian: every page in both languages with no English left
on the Russian pages, a switcher that keeps the page, hreflang alternates, English content
marked as such, the browser's language on the first visit, and dates and numbers localized."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from missions.cache import published_data_changed
from missions.catalogue import catalogue_path, read_po
from missions.models import Mission, Region, Visit

from . import factories
from .helpers import read_sitemap

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class VisibleText(HTMLParser):
    """Text a reader sees, each piece with the language it is marked as (`lang`)."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang)
        self.pieces = []  # (text, lang, tag)

    def language(self):
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.pieces.append((attrs["value"], attrs.get("lang") or self.language(), tag))
        if "placeholder" in attrs:
            self.pieces.append((attrs["placeholder"], self.language(), tag))
        if tag not in VOID:
            self.stack.append((tag, attrs.get("lang") or self.language()))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(tag in ("script", "style") for tag, _lang in self.stack):
            return
        text = " ".join(data.split())
        if text:
            self.pieces.append((text, self.language(), self.stack[-1][0] if self.stack else ""))


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.pieces


def english_catalogue():
    """The English source strings the Russian catalogue translates into something else."""
    strings = set()
    for entry in read_po(catalogue_path("ru")):
        for source, target in ((entry.msgid, entry.msgstrs[0]), (entry.msgid_plural, None)):
            if source and "%" not in source and source != target:
                strings.add(source)
    return strings


def untranslated(html):
    """Pieces of text on a Russian page that are still English: catalogue strings left in
    English, or Latin-script words that no `lang` attribute marks as another language.
    (A <title> cannot mark part of itself: there, content shown in English is allowed.)"""
    catalogue = english_catalogue()
    found = []
    for text, lang, tag in visible_text(html):
        if lang != "ru":
            continue
        words = re.findall(r"[A-Za-z]{3,}", text) if tag != "title" else []
        if text in catalogue or text.rstrip(":") in catalogue or words:
            found.append(text)
    return found


@pytest.fixture
def seed():
    return factories.load_seed()


def public_pages(seed):
    """Every kind of public page, named by URL name and arguments."""
    return [
        ("missions:home", {}),
        ("missions:mission_list", {}),
        ("missions:mission_detail", {"slug": seed.slug}),
        ("missions:election_detail", {"slug": seed.election.slug}),
        ("missions:country_detail", {"code": "kz"}),
        ("missions:country_detail", {"code": "ru"}),
        ("missions:person_detail", {"slug": "ilyas-umakhanov"}),
        ("missions:person_detail", {"slug": "kasym-jomart-tokaev"}),
        ("missions:organization_detail", {"slug": "ipa-cis"}),
        ("missions:organization_detail", {"slug": "kz-senate"}),
        ("missions:election_list", {}),
        ("missions:country_list", {}),
        ("missions:person_list", {}),
        ("missions:organization_list", {}),
        ("missions:region_list", {}),
        ("missions:region_detail", {"pk": Region.objects.get(name="Akmola Region").pk}),
    ]


def url_in(language, name, kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


# --- every page, both languages ------------------------------------------------------------


def test_every_public_page_renders_in_both_languages(client, seed):
    for name, kwargs in public_pages(seed):
        for language in ("en", "ru"):
            url = url_in(language, name, kwargs)
            assert url.startswith(f"/{language}/")
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{language}">' in response.text, url


def test_russian_pages_have_no_untranslated_text(client, seed):
    for name, kwargs in public_pages(seed):
        url = url_in("ru", name, kwargs)
        assert untranslated(client.get(url).text) == [], url


def test_russian_filter_results_and_not_found_pages_are_translated(client, seed):
    assert untranslated(client.get("/ru/missions/?country=KZ&sort=oldest").text) == []
    assert untranslated(client.get("/ru/missions/?q=nothing-like-this").text) == []
    assert untranslated(client.get("/ru/missions/?person=ilyas-umakhanov").text) == []
    assert untranslated(client.get("/ru/people/?q=nothing-like-this").text) == []
    response = client.get("/ru/missions/no-such-mission/")
    assert response.status_code == 404
    assert untranslated(response.text) == []
    assert "Страница не найдена" in response.text


def test_the_check_catches_english_left_on_a_russian_page():
    page = '<html lang="ru"><body><h2>Day by day</h2><p lang="en">Astana</p></body></html>'
    assert untranslated(page) == ["Day by day"]
    assert untranslated('<html lang="ru"><p>Выборы: Senate</p></html>') == ["Выборы: Senate"]


def test_english_pages_show_the_english_content(client, seed):
    html = client.get(url_in("en", "missions:mission_detail", {"slug": seed.slug})).text
    assert "IPA CIS observation of the elections to the Senate of Kazakhstan, 2017" in html
    assert "Ilyas Umakhanov</a>" in html
    assert "Наблюдение МПА СНГ" not in html


def test_russian_mission_page_shows_the_russian_content(client, seed):
    html = client.get(url_in("ru", "missions:mission_detail", {"slug": seed.slug})).text
    assert "<h1>Наблюдение МПА СНГ за выборами в Сенат Казахстана, 2017</h1>" in html
    assert "Выборы депутатов Сената Парламента Республики Казахстан" in html
    assert "заместитель Председателя Совета Федерации" in html
    assert "Акмолинская область" in html
    assert "Заключение Группы международных наблюдателей МПА СНГ" in html
    # people: the Cyrillic name first, the Latin spelling beside it, marked as such
    assert "Ильяс Умаханов</a>" in html
    assert '<span class="original" lang="en">(Ilyas Umakhanov)</span>' in html


# --- the switcher, alternates and the first visit ------------------------------------------


def switcher_links(html):
    nav = html.split('class="language-switcher"')[1].split("</nav>")[0]
    return dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', nav))


def test_switcher_keeps_the_page_on_every_public_page(client, seed):
    for name, kwargs in public_pages(seed):
        english, russian = url_in("en", name, kwargs), url_in("ru", name, kwargs)
        assert switcher_links(client.get(english).text) == {russian: "ru"}
        assert switcher_links(client.get(russian).text) == {english: "en"}
        assert 'aria-current="true" lang="ru">Русский' in client.get(russian).text


def test_switcher_keeps_the_filters(client, seed):
    html = client.get("/en/missions/?country=KZ&sort=oldest").text
    assert switcher_links(html) == {"/ru/missions/?country=KZ&amp;sort=oldest": "ru"}


def test_switcher_on_a_missing_page_leads_home_without_repeating_the_address(client, seed):
    html = client.get("/en/missions/no-such-mission/").text
    assert switcher_links(html) == {"/ru/": "ru"}
    assert 'hreflang="ru" href=' not in html


def test_hreflang_alternates_and_canonical_per_language(client, seed):
    html = client.get(url_in("ru", "missions:mission_detail", {"slug": seed.slug})).text
    path = f"/missions/{seed.slug}/"
    assert f'<link rel="canonical" href="http://testserver/ru{path}">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en{path}">' in html
    assert f'<link rel="alternate" hreflang="ru" href="http://testserver/ru{path}">' in html


def test_first_visit_follows_the_browsers_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.8")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/en/"


def test_sitemap_lists_both_languages_with_alternates(client, seed):
    xml = read_sitemap(client)
    assert f"<loc>http://testserver/ru/missions/{seed.slug}/</loc>" in xml
    assert f"<loc>http://testserver/en/missions/{seed.slug}/</loc>" in xml
    assert 'hreflang="ru"' in xml


# --- English shown on the Russian site is marked --------------------------------------------


def test_missing_russian_falls_back_to_english_marked_as_english(client, seed):
    Mission.objects.filter(pk=seed.pk).update(title_ru="", summary_ru="")
    html = client.get(url_in("ru", "missions:mission_detail", {"slug": seed.slug})).text
    title = "IPA CIS observation of the elections to the Senate of Kazakhstan, 2017"
    assert (
        f'<h1><span lang="en">{title}</span> '
        '<span class="lang-fallback">(на английском языке)</span></h1>'
    ) in html
    assert "Перевода этого текста на русский язык пока нет" in html
    assert '<div lang="en"><p>On 27-29 June 2017 the IPA CIS Observer Team' in html
    assert untranslated(html) == []  # the English is all marked


def test_russian_content_is_not_marked_as_a_fallback(client, seed):
    html = client.get(url_in("ru", "missions:mission_detail", {"slug": seed.slug})).text
    assert "lang-fallback" not in html.split("<main")[1]


# --- dates and numbers -----------------------------------------------------------------------


def test_dates_in_the_readers_language(client, seed):
    english = client.get(url_in("en", "missions:mission_detail", {"slug": seed.slug})).text
    russian = client.get(url_in("ru", "missions:mission_detail", {"slug": seed.slug})).text
    assert '<time datetime="2017-06-28">28 June 2017</time>' in english
    assert '<time datetime="2017-06-28">28 июня 2017 г.</time>' in russian
    assert "Среда, 28 июня 2017 г." in russian
    assert "Wednesday, 28 June 2017" in english


def test_numbers_in_the_readers_language(client, seed):
    Visit.objects.filter(mission=seed).update(stations_visited=1234)
    published_data_changed(Visit)  # a write without signals says so (missions/cache.py)
    assert "<dd>3,702</dd>" in client.get("/en/").text
    assert "<dd>3\xa0702</dd>" in client.get("/ru/").text
