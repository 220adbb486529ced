"""The real-shaped mission/2 documents (tests/documents/), imported and published, show each
new key on the public mission, election and country pages, in English and in Russian."""

import pytest
from django.utils import translation

from missions.cache import published_data_changed
from missions.models import Country, Election, Mission

from .public_data import tmp_media  # noqa: F401
from .test_documents_mission2 import DOCUMENTS, EXAMPLE, import_paths

pytestmark = pytest.mark.django_db

RU_MARK = '<span class="lang-fallback">(in Russian)</span>'


def imported(*paths):
    """Import the documents and publish every mission they hold that is still a draft."""
    import_paths(*paths)
    Mission.objects.exclude(status=Mission.Status.PUBLISHED).update(status=Mission.Status.PUBLISHED)
    published_data_changed()  # a write without signals says so (missions/cache.py)


def pages(client, obj):
    """The object's public page in English and in Russian."""
    htmls = []
    for language in ("en", "ru"):
        with translation.override(language):
            url = obj.get_absolute_url()
        response = client.get(url)
        assert response.status_code == 200, url
        htmls.append(response.content.decode())
    return htmls


def english_url(obj):
    with translation.override("en"):
        return obj.get_absolute_url()


def mission_pages(client, slug):
    return pages(client, Mission.objects.get(slug=slug))


def election_pages(client, slug):
    return pages(client, Election.objects.get(slug=slug))


def decimals_in_both(htmls, *numbers):
    """Decimal numbers as each language writes them: 52.11 in English, 52,11 in Russian."""
    en, ru = htmls
    for number in numbers:
        assert number in en, number
        assert number.replace(".", ",") in ru, number


def in_both(htmls, *texts):
    for html in htmls:
        for text in texts:
            assert text in html, text


def test_the_joint_mission_shows_its_partners_heads_phases_figures_and_joint_statement(client):
    imported(DOCUMENTS / "am-presidential-joint.yaml")
    en, ru = htmls = mission_pages(client, "am-presidential-2013-odihr")
    in_both(
        htmls,
        "Parliamentary Assembly of the Council of Europe (joint)",
        "European Parliament",
        "Eva Example",
        "Fritz Example",
        "Head of the PACE delegation",
        "Head of the European Parliament delegation",
        "Statement of preliminary findings and conclusions",
        'href="https://example.org/odihr/am-2013-preliminary"',
        "<dd>300</dd>",
        "<dd>24</dd>",
        "<dd>276</dd>",
        "<dd>42</dd>",
    )
    assert "Long-term observers" in en and "Phases" in en and "Observed jointly with" in en
    assert "Issued by" in en and " with " in en.split('class="issuer"')[1].split("</p>")[0]
    issuer = ru.split('class="issuer"')[1].split("</p>")[0]
    assert "Parliamentary Assembly of the Council of Europe (joint)" in issuer
    assert "European Parliament" in issuer
    # both phases, with their dates
    for html, long_term, short_term in (
        (en, "Long-term", "Short-term"),
        (ru, "Долгосрочный", "Краткосрочный"),
    ):
        phases = html.split('class="phases"')[1].split("</dd>")[0]
        assert f'<li>{long_term}: <time datetime="2013-01-10">' in phases
        assert f'<li>{short_term}: <time datetime="2013-02-15">' in phases


def test_the_run_off_mission_shows_rounds_visits_by_round_sources_and_results(client):
    imported(DOCUMENTS / "md-presidential-2016.yaml")
    en, ru = htmls = mission_pages(client, "md-presidential-2016-ipa-cis")
    in_both(
        htmls,
        "<dd>243</dd>",
        "<dd>9</dd>",
        'datetime="2016-10-30"',
        'datetime="2016-11-13"',
        'href="https://example.org/news/short-term-monitoring-in-moldova"',
        "Short-term monitoring in the Republic of Moldova",
        "Statement on the first round",
        "Statement on the run-off",
        "Sergey Example",
    )
    assert "the CIS mission&#x27;s observers on the run-off" in en
    assert "CIS Observation Mission" in en and "Миссия наблюдателей от СНГ" in ru
    assert "the CIS Observation Mission the assembly&#x27;s observers worked in" in en
    assert "Миссия наблюдателей от СНГ, в которой работали наблюдатели Ассамблеи" in ru
    assert "Rounds observed" in en and "Round 1" in en and "Round 2" in en
    assert "Тур 1" in ru or "тур 1" in ru.lower()
    # the visits are listed under the round they belong to
    regions = en.split('id="regions-heading"')[1].split('id="documents-heading"')[0]
    first, second = regions.split("Round 2")
    assert "Round 1" in first and "<td>12</td>" in first and "<td>10</td>" in second
    election = election_pages(client, "md-presidential-2016")
    in_both(election, "Igor Dodon", "Maia Sandu")
    decimals_in_both(election, "52.11", "47.89", "53.54")


def test_the_russian_only_mission_marks_its_texts_and_lists_the_visit_abroad(client):
    imported(DOCUMENTS / "kg-referendum-2021.yaml")
    en, ru = mission_pages(client, "kg-presidential-2021-ipa-cis")
    title = "Наблюдение МПА СНГ за досрочными выборами Президента Кыргызской Республики, 2021"
    assert f'<span lang="ru">{title}</span> {RU_MARK}' in en
    assert title in ru and "(in Russian)" not in ru
    assert "Заявление Группы наблюдателей МПА СНГ" in en and RU_MARK in en
    assert "Выборы прошли организованно." in en
    # the visit abroad sits under its own country
    for html, abroad in ((en, "Abroad"), (ru, "За рубежом")):
        regions = html.split('id="regions-heading"')[1].split('id="documents-heading"')[0]
        assert abroad in regions, abroad
        assert regions.index("Bishkek") < regions.index(abroad) < regions.index("Moscow")
    moscow = en.split('id="regions-heading"')[1].split("Moscow", 1)[1]
    assert "Избирательный участок при посольстве." in moscow
    # the referendum observed on the same day: named on the mission page, and its own page
    referendum = Election.objects.get(slug="kg-referendum-2021")
    in_both((en,), "Referendum on the form of government of the Kyrgyz Republic")
    assert "Референдум о форме правления Кыргызской Республики" in ru
    assert f'href="{english_url(referendum)}"' in en
    ref_en, ref_ru = pages(client, referendum)
    mission = Mission.objects.get(slug="kg-presidential-2021-ipa-cis")
    assert f'href="{english_url(mission)}"' in ref_en
    in_both(
        (ref_en, ref_ru),
        "Какую форму правления Кыргызской Республики вы поддерживаете?",
        "presidential republic",
    )
    decimals_in_both((ref_en, ref_ru), "81.3", "39.16")
    assert RU_MARK in ref_en


def test_the_long_term_mission_shows_phases_figures_and_recommendations(client):
    imported(DOCUMENTS / "ua-odihr-ltm.yaml")
    en, ru = htmls = mission_pages(client, "ua-parliamentary-2019-odihr")
    in_both(
        htmls,
        "<dd>800</dd>",
        "<dd>80</dd>",
        "<dd>700</dd>",
        "<dd>20</dd>",
        "<dd>24</dd>",
        "Review the electoral code in an inclusive process.",
        "Обеспечить прозрачность финансирования кампаний.",
        "the parliament",
        "Head of the core team",
    )
    assert "Phases" in en and "Long-term" in en and "Short-term" in en
    assert "priority" in en
    recommendation_2 = en.split('id="recommendation-2"')[1]
    assert 'lang="ru"' in recommendation_2.split("</li>")[0]


def test_the_parliamentary_mission_shows_groups_milestones_undated_meetings_and_seats(client):
    imported(DOCUMENTS / "ge-parliamentary-2020.yaml")
    en, ru = htmls = mission_pages(client, "ge-parliamentary-2020-pace")
    in_both(
        htmls,
        "(EPP)",
        "(SOC)",
        "The Bureau decided to observe the elections.",
        "A meeting the source mentions without a date.",
        'datetime="2020-07-15"',
        "<dd>15</dd>",
        "<dd>4</dd>",
    )
    assert "Date not given" in en and "Milestone" in en
    election = election_pages(client, "ge-parliamentary-2020")
    in_both(election, "Georgian Dream", "90", 'href="https://example.org/cec-ge/results"')
    decimals_in_both(election, "48.22")
    assert "preliminary" in election[0].lower()


def test_the_contracts_example_shows_files_sources_memberships_and_the_referendum(
    client,
    tmp_media,  # noqa: F811
):
    imported(EXAMPLE)
    en, ru = htmls = mission_pages(client, "example-presidential-2031-assembly")
    in_both(
        htmls,
        "Example Institute for Election Monitoring",
        "Boris Example",
        "<dd>410</dd>",
        "<dd>120</dd>",
        'href="https://example.org/news/2031/observers-arrive"',
        'href="https://example.org/ru/news/2031/itogi"',
        "Итоги наблюдения",
        'href="https://example.org/assembly/statements/2031-am-preliminary"',
        "Statement (PDF)",
        "preliminary-en.pdf",
        "The parliament should review the rules on campaign finance disclosure.",
        'datetime="2031-04-19"',
    )
    assert "Counts of the run-off; the first round had fewer short-term observers." in en
    assert "Данные второго тура; в первом туре краткосрочных наблюдателей было меньше." in ru
    assert "Referendum on amendments to the Constitution of the Republic of Armenia" in en
    assert "Референдум о поправках к Конституции Республики Армения" in ru
    election = election_pages(client, "am-presidential-2031")
    in_both(election, "Candidate One", "Candidate Two")
    decimals_in_both(election, "48.25", "51.03")
    referendum = pages(client, Election.objects.get(slug="am-referendum-2031"))
    assert "Do you approve the amendments to the Constitution?" in referendum[0]
    assert "Одобряете ли вы поправки к Конституции?" in referendum[1]
    mission = Mission.objects.get(slug="example-presidential-2031-assembly")
    assert f'href="{english_url(mission)}"' in referendum[0]
    # the assembly's member nations, on each country's page
    georgia_en, georgia_ru = pages(client, Country.objects.get(code="GE"))
    for html in (georgia_en, georgia_ru):
        memberships = html.split('class="plain memberships"')[1].split("</ul>")[0]
        assert "/organizations/example-assembly/" in memberships
        assert 'datetime="2001-05-01"' in memberships and 'datetime="2009-08-18"' in memberships
    assert "Member of" in georgia_en


def document_section(html, title):
    """The document article whose heading is `title`."""
    documents = html.split('id="documents-heading"')[1]
    return documents.split(f">{title}<", 1)[1].split("</article>")[0]


def test_a_document_shows_its_rounds_and_its_assessments_of_earlier_recommendations(
    client,
    tmp_media,  # noqa: F811
):
    imported(EXAMPLE)
    earlier = Mission.objects.get(slug="example-parliamentary-2028-assembly")
    en, ru = mission_pages(client, "example-presidential-2031-assembly")
    for html, rounds, status in (
        (en, "round 1", "Partially implemented"),
        (ru, "тур 1", "Выполнена частично"),
    ):
        report = document_section(html, "Final report")
        assessments = report.split('class="assessments"')[1]
        # the earlier mission linked, at its recommendation's number
        with translation.override("en" if html is en else "ru"):
            link = f'href="{earlier.get_absolute_url()}#recommendation-3"'
        assert link in assessments
        assert "Example observation of the parliamentary elections in Armenia, 2028" in assessments
        assert "Publish the campaign finance reports online." in assessments
        assert "The disclosure rules were amended, but reports are still not published online." in (
            assessments
        )
        assert status in assessments
        assert rounds in report
        # the rounds the report covers, with their voting days
        assert 'datetime="2031-04-05"' in report and 'datetime="2031-04-19"' in report
        statement = document_section(html, "Statement of preliminary findings, first round")
        assert 'datetime="2031-04-05"' in statement and 'datetime="2031-04-19"' not in statement
    assert "Earlier recommendations assessed" in en and "recommendation No. 3" in en
    assert "Оценка выполнения прежних рекомендаций" in ru and "рекомендация № 3" in ru


def test_an_assessment_of_a_draft_earlier_mission_is_not_shown(client, tmp_media):  # noqa: F811
    imported(EXAMPLE)
    earlier = Mission.objects.get(slug="example-parliamentary-2028-assembly")
    earlier.status = Mission.Status.DRAFT
    earlier.save()
    for html in mission_pages(client, "example-presidential-2031-assembly"):
        assert 'class="assessments"' not in html
        assert earlier.slug not in html
        assert "Publish the campaign finance reports online." not in html
