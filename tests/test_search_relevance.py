"""What a reader types finds what they meant: both languages on either site, any case, any
inflection, names of people met, words only in a document body or a visit note, phrases;
and a misspelling or a draft's word finds nothing. Runs on SQLite and PostgreSQL alike."""

import pytest
from django.utils import translation

from missions.models import Document, Organization, Person
from missions.search.query import search

from . import search_corpus

pytestmark = pytest.mark.django_db

KZ, BY, KG = "kz-senate-2017-ipa-cis", "by-president-2020-ipa-cis", "kg-parliament-2021-ipa-cis"
MISSION, DOCUMENT, PERSON, ORGANIZATION = "mission", "document", "person", "organization"

# (query, kind, the records expected first, in any order among themselves)
CASES = [
    # Lower case, capitals, inflected forms, either language's text on either site.
    ("казахстан", MISSION, [KZ]),
    ("Казахстан", MISSION, [KZ]),
    ("КАЗАХСТАНЕ", MISSION, [KZ]),
    ("kazakhstan", MISSION, [KZ]),
    ("KAZAKHSTAN", MISSION, [KZ]),
    ("senate", MISSION, [KZ]),
    ("сенат", MISSION, [KZ]),
    ("сената", MISSION, [KZ]),
    ("Сенатом", MISSION, [KZ]),
    ("выборах", MISSION, [KZ, BY, KG]),
    ("выборы", MISSION, [KZ, BY, KG]),
    ("наблюдателей", MISSION, [KZ, BY]),
    ("observers", MISSION, [KZ, BY, KG]),  # 'observation' in every title: the same stem
    ("observer", MISSION, [KZ, BY, KG]),
    # Words in any order.
    ("выборах сенат", MISSION, [KZ]),
    ("сенат выборах", MISSION, [KZ]),
    ("kazakhstan senate elections", MISSION, [KZ]),
    ("elections senate kazakhstan", MISSION, [KZ]),
    # Names of people met and of the team, Latin and Cyrillic.
    ("tokaev", MISSION, [KZ]),
    ("Токаев", MISSION, [KZ]),
    ("Токаевым", MISSION, [KZ]),
    ("tokaev", PERSON, ["kasym-jomart-tokaev"]),
    ("Токаев", PERSON, ["kasym-jomart-tokaev"]),
    ("umakhanov", PERSON, ["ilyas-umakhanov"]),
    ("Умаханов", PERSON, ["ilyas-umakhanov"]),
    ("умаханову", MISSION, [KZ]),
    ("imashev", PERSON, ["berik-imashev"]),
    ("шайлдабекова", MISSION, [KG]),
    ("Shaildabekova", PERSON, ["nurzhan-shaildabekova"]),
    ("petrova", MISSION, [KG]),
    # Organizations by name and short name.
    ("ЦИК", ORGANIZATION, ["kz-cec"]),
    ("majilis", ORGANIZATION, ["kz-majilis"]),
    ("Мажилиса", ORGANIZATION, ["kz-majilis"]),
    ("CCEK", ORGANIZATION, ["kg-cec"]),
    # Regions and countries.
    ("astana", MISSION, [KZ]),
    ("акмолинской", MISSION, [KZ]),
    ("Беларуси", MISSION, [BY]),
    ("minsk", MISSION, [BY]),
    # Words only in a document body or a visit note.
    ("урны", DOCUMENT, ["Final report on Belarus"]),
    ("ballot boxes", DOCUMENT, ["Final report on Belarus"]),
    ("transparent", MISSION, [BY]),
    ("dawn", MISSION, [KG]),
    ("рассвета", MISSION, [KG]),
    ("Оше", MISSION, [KG]),
    # ё and е alike.
    ("подсчет голосов", MISSION, [KZ, KG]),
    ("подсчёт", MISSION, [KZ, KG]),
    # Phrases.
    ('"Senate of the Parliament"', MISSION, [KZ]),
    (
        '"выборы депутатов Сената"',
        DOCUMENT,
        ["Findings by the IPA CIS International Observers Team"],
    ),
    ('"polling stations in Minsk"', MISSION, [BY]),
    # Findings.
    ("legislation", DOCUMENT, ["Findings by the IPA CIS International Observers Team"]),
]

# Nothing public has these: misspellings, a phrase out of order, a draft's own word.
NOTHING = [
    "Kazakstan",
    "Токаевв",
    "umakhanof",
    '"Parliament of the Senate"',
    search_corpus.DRAFT_WORD,
    "референдуме",
]


@pytest.fixture
def corpus():
    return search_corpus.build()


def key(kind, record):
    if kind == MISSION or kind in (PERSON, ORGANIZATION):
        return record.slug
    return record.title_en


def found(query, kind, language="en"):
    with translation.override(language):
        _query, _totals, groups = search(query, kind=kind, per_page=20)
    return [key(kind, hit.record) for group in groups for hit in group.hits]


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(("query", "kind", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_expected_records_come_first(corpus, query, kind, expected, language):
    results = found(query, kind, language)
    assert sorted(results[: len(expected)]) == sorted(expected), results


@pytest.mark.parametrize("query", NOTHING)
def test_a_misspelling_or_a_draft_finds_nothing(corpus, query):
    _query, totals, groups = search(query)
    assert sum(totals.values()) == 0, groups


def test_a_draft_is_found_once_published_and_gone_once_unpublished(corpus, publisher):
    from missions import services

    draft = corpus["draft"]
    services.mission_publish(mission=draft, user=publisher)
    assert found(search_corpus.DRAFT_WORD, MISSION) == ["am-referendum-draft"]
    services.mission_unpublish(mission=draft, user=publisher)
    assert found(search_corpus.DRAFT_WORD, MISSION) == []


def test_the_page_finds_either_language_on_either_site(client, corpus):
    for url in ("/ru/search/?q=Umakhanov", "/en/search/?q=Умаханов", "/ru/search/?q=tokaev"):
        response = client.get(url)
        assert response.status_code == 200
        assert f"/missions/{KZ}/" in response.content.decode(), url


def test_a_snippet_marks_the_words_found(client, corpus):
    page = client.get("/en/search/?q=dawn").content.decode()
    assert "<mark>dawn</mark>" in page
    page = client.get("/ru/search/?q=рассвета").content.decode()
    assert "<mark>рассвета</mark>" in page


def test_the_mission_list_q_uses_the_same_engine(client, corpus):
    page = client.get("/ru/missions/?q=kazakhstan").content.decode()
    assert f"/missions/{KZ}/" in page and f"/missions/{BY}/" not in page
    page = client.get("/en/missions/?q=выборах&country=BY").content.decode()
    assert f"/missions/{BY}/" in page and f"/missions/{KZ}/" not in page


def test_the_mission_list_filters_narrow_the_search_page(client, corpus):
    page = client.get("/en/search/?q=выборах&country=KG").content.decode()
    assert f"/missions/{KG}/" in page
    assert f"/missions/{KZ}/" not in page and f"/missions/{BY}/" not in page


def test_an_empty_result_suggests_what_to_try(client, corpus):
    page = client.get("/en/search/?q=Kazakstan+senate").content.decode()
    assert "Things to try" in page
    assert "?q=kazakstan" in page and "?q=senate" in page  # each word alone


def test_results_page_by_kind(client, corpus):
    page = client.get("/en/search/?q=выборах&show=mission").content.decode()
    for slug in (KZ, BY, KG):
        assert f"/missions/{slug}/" in page
    assert Document.objects.exists() and Person.objects.exists() and Organization.objects.exists()
