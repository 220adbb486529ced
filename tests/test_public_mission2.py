"""The public pages show what mission/2 adds, in English and in Russian."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from missions.models import Election, Meeting, Mission, MissionFigures, Visit
from missions.search.index import search_index_update

from . import factories
from .public_data import PDF, add_mission2, referendum_on, tmp_media  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint(tmp_media):  # noqa: F811
    """A published mission with every mission/2 record, also observing a referendum."""
    mission = factories.full_mission()
    referendum = referendum_on(mission.election, "joint")
    made = add_mission2(mission, "joint", also_observed=referendum)
    return mission, referendum, made


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def in_language(language, obj):
    with translation.override(language):
        return obj.get_absolute_url()


def section(html, heading_id, end_id=None):
    part = html.split(f'id="{heading_id}"')[1]
    return part.split(f'id="{end_id}"')[0] if end_id else part


# --- the mission page -------------------------------------------------------------------------


def test_mission_page_shows_the_source_figures_and_their_note(client, joint):
    mission, _, _ = joint
    figures = section(page(client, mission.get_absolute_url()), "figures-heading", "team-heading")
    assert "As the source states them." in figures
    assert "<dt>Observers</dt><dd>321</dd>" in figures
    assert "<dt>Polling stations</dt><dd>77</dd>" in figures
    assert "Note joint" in figures
    assert "Observers named" not in figures  # the records' count is not offered as well


def test_without_figures_the_page_counts_named_records_and_says_so(client, tmp_media):  # noqa: F811
    mission = factories.full_mission()
    html = page(client, mission.get_absolute_url())
    figures = section(html, "figures-heading", "team-heading")
    assert "The source states no figures" in figures
    assert "<dt>Observers named</dt><dd>2</dd>" in figures
    assert "<dt>Polling stations in the visits recorded</dt><dd>4</dd>" in figures
    assert "4 polling stations in the visits recorded." in html
    assert "in all" not in html  # never presented as the mission's total
    russian = page(client, in_language("ru", mission))
    assert "<dt>Наблюдателей названо</dt><dd>2</dd>" in russian


def test_stated_stations_total_is_the_source_figure(client, joint):
    mission, _, _ = joint
    regions = section(page(client, mission.get_absolute_url()), "regions-heading")
    assert "77 polling stations visited in all, as the source states." in regions


def test_mission_page_shows_partners_with_heads_and_their_delegations(client, joint):
    mission, _, made = joint
    team = section(page(client, mission.get_absolute_url()), "team-heading", "timeline-heading")
    partner = made["partner"]
    assert "Observed jointly with" in team
    line = team.split(f'id="partner-{partner.uid}"')[1].split("</li>")[0]
    assert 'href="/en/organizations/joint-partner/"' in line
    assert f'href="{partner.head.get_absolute_url()}"' in line
    assert "Role joint" in line
    assert "(in the part of Partner joint)" in team
    assert "(Group joint)" in team and "(round 1)" in team
    russian = page(client, in_language("ru", mission))
    assert "Наблюдение совместно с" in russian


def test_mission_page_shows_phases_rounds_and_also_observed(client, joint):
    mission, referendum, made = joint
    html = page(client, mission.get_absolute_url())
    facts = html.split('class="facts"')[1].split("</dl>")[0]
    assert "Long-term: <time" in facts and "Short-term: <time" in facts
    rounds = facts.split('class="rounds"')[1].split("</div>")[0]
    first = made["rounds"][0]
    assert "round 1 (first round)" in rounds
    assert f'datetime="{first.voting_day:%Y-%m-%d}"' in rounds
    assert "round 2" not in rounds  # no record of the mission names round 2
    also = facts.split('class="also-observed"')[1].split("</div>")[0]
    assert f'href="{referendum.get_absolute_url()}"' in also and "(referendum)" in also


def test_one_day_mission_shows_one_date(client):
    election = factories.election(voting_day=datetime.date(2021, 1, 10))
    mission = factories.mission(
        election=election, starts=election.voting_day, ends=election.voting_day
    )
    html = page(client, mission.get_absolute_url())
    dates = html.split("Mission date</dt><dd>")[1].split("</dd>")[0]
    assert dates == '<time datetime="2021-01-10">10 January 2021</time>'
    card = page(client, reverse("missions:mission_list")).split('class="card"')[1]
    assert card.count("<time") == 1


def test_visits_by_round_with_notes_and_visits_abroad_under_their_country(client, joint):
    mission, _, made = joint
    regions = section(
        page(client, mission.get_absolute_url()), "regions-heading", "documents-heading"
    )
    assert re.search(r'class="visit-round">Round 1, <time', regions)
    host, abroad = regions.split('class="visit-country">')
    assert "Region of " in host and "Region abroad joint" not in host
    assert abroad.startswith('Abroad: <a href="/en/countries/ru/">Russian Federation</a>')
    assert "Region abroad joint" in abroad and "Abroad joint" in abroad
    assert "<p>Notes joint<br>second line</p>" in host  # a single line break is kept


def test_undated_meetings_and_milestones_come_last_as_date_not_given(client, joint):
    mission, _, _ = joint
    Meeting.objects.create(mission=mission, kind="meeting", place="Undated venue")
    timeline = section(
        page(client, mission.get_absolute_url()), "timeline-heading", "regions-heading"
    )
    dated, undated = timeline.split('<span class="undated">Date not given</span>')
    assert "<time" in dated and "<time" not in undated
    assert "Milestone joint" in undated and "Undated venue" in undated
    russian = page(client, in_language("ru", mission))
    assert "Дата не указана" in russian


def test_documents_show_issuer_co_issuers_original_files_and_recommendations(client, joint):
    mission, _, made = joint
    html = page(client, mission.get_absolute_url())
    document = html.split(f'id="document-{made["document"].uid}"')[1].split("</article>")[0]
    issuer = document.split('class="issuer"')[1].split("</p>")[0]
    assert 'href="/en/organizations/joint-partner/"' in issuer
    assert 'with <a href="/en/organizations/joint-co-issuer/">' in issuer
    assert 'href="https://example.org/joint/report"' in document
    file = made["file"]
    assert f'href="/files/{file.uid}/report.pdf" hreflang="ru">File joint</a>' in document
    assert f"(PDF, {len(PDF)}\xa0bytes, Russian)" in document
    recommendation = document.split('id="recommendation-7"')[1].split("</li>")[0]
    assert "No. 7" in recommendation and "Legal framework" in recommendation
    assert '<strong class="priority">priority</strong>' in recommendation
    assert "Addressee joint" in recommendation and "Recommendation joint" in recommendation
    assert "<p>Body joint first line<br>second line</p>\n\n<p>Second paragraph</p>" in document
    russian = page(client, in_language("ru", mission))
    assert "№ 7" in russian and "русский" in russian


def test_sources_are_links_with_their_language(client, joint):
    mission, _, _ = joint
    sources = section(page(client, mission.get_absolute_url()), "sources-heading")
    assert '<a href="https://example.org/joint" rel="external noopener" hreflang="ru">' in sources
    assert '<cite lang="ru">Source joint</cite>' in sources


# --- the election page ------------------------------------------------------------------------


def test_election_page_shows_rounds_results_and_every_observing_body(client, joint):
    mission, _, made = joint
    html = page(client, mission.election.get_absolute_url())
    rounds = section(html, "rounds-heading", "observed-heading")
    assert "Round 1 (first round)" in rounds and "Round 2 (run-off)" in rounds
    assert '<strong class="preliminary">Preliminary results</strong>' in rounds
    assert "turnout: 61.50%" in rounds and "registered voters: 1200000" in rounds
    assert "Candidate joint" in rounds and "55.25%" in rounds
    assert "No results are recorded for this round." in rounds  # round 2
    bodies = html.split('class="observing-bodies"')[1].split("</div>")[0]
    assert f'href="{mission.observer_body.get_absolute_url()}"' in bodies
    assert 'href="/en/organizations/joint-partner/"' in bodies
    russian = page(client, in_language("ru", mission.election))
    assert "Предварительные итоги" in russian and "Наблюдали" in russian


def test_referendum_page_shows_its_question_and_the_mission_that_also_observed_it(client, joint):
    mission, referendum, _ = joint
    html = page(client, referendum.get_absolute_url())
    assert "Question joint?" in section(html, "questions-heading")
    observed = section(html, "observed-heading")
    assert f'href="{mission.get_absolute_url()}"' in observed
    assert "also observed, beside" in observed
    russian = page(client, in_language("ru", referendum))
    assert "Вопросы, вынесенные на голосование" in russian and "также наблюдала" in russian


# --- also_observed in the list's filters ------------------------------------------------------


def test_list_filters_find_the_mission_through_an_election_also_observed(client, joint):
    mission, _, _ = joint
    factories.full_mission()  # another parliamentary mission, no referendum
    for query in ["kind=referendum", "kind=parliamentary", "country=KZ", "year=2020"]:
        html = page(client, f"/en/missions/?{query}")
        results = html.split('id="results-heading"')[1]
        assert results.count(f'href="{mission.get_absolute_url()}"') == 1, query  # once
    html = page(client, "/en/missions/?kind=referendum")
    assert re.search(r'id="results-heading">\s*1 ', html)


def test_a_country_only_also_observed_is_a_host_country_choice(client, joint):
    mission, _, _ = joint
    other = factories.election(
        country=factories.country("KG"), voting_day=mission.election.voting_day
    )
    mission.also_observed.add(other)
    html = page(client, "/en/missions/")
    assert 'value="KG"' in html
    results = page(client, "/en/missions/?country=KG").split('id="results-heading"')[1]
    assert f'href="{mission.get_absolute_url()}"' in results
    kyrgyzstan = page(client, "/en/countries/kg/")  # the election page links to it
    hosted = kyrgyzstan.split('id="hosted-heading"')[1].split('id="sent-heading"')[0]
    assert f'href="{mission.get_absolute_url()}"' in hosted


# --- country pages and the home page ----------------------------------------------------------


def test_country_page_says_which_bodies_it_belongs_to(client, joint):
    mission, _, _ = joint
    html = page(client, "/en/countries/kz/")
    body = mission.observer_body
    assert (
        f'Member of <a href="{body.get_absolute_url()}">{body.name}</a> since '
        '<time datetime="1992-03-27">27 March 1992</time>'
    ) in html
    assert "Член " in page(client, "/ru/countries/kz/")


def test_home_figures_sum_stated_figures_and_named_counts_where_none(client, joint):
    factories.full_mission()  # no figures: its 2 named people and 4 stations count
    html = page(client, "/en/")
    assert "<dt>Observers sent</dt><dd>323</dd>" in html  # 321 stated + 2 named
    assert "<dt>Polling stations visited</dt><dd>81</dd>" in html  # 77 stated + 4 named
    MissionFigures.objects.update(observers=None)  # a figures row that states no observers
    assert "<dt>Observers sent</dt><dd>4</dd>" in page(client, "/en/")  # 2 named + 2 named


def test_home_latest_list_is_ordered_by_mission_date(client):
    older = factories.mission(election=factories.election(voting_day=datetime.date(2015, 5, 1)))
    newer = factories.mission(election=factories.election(voting_day=datetime.date(2019, 5, 1)))
    Mission.objects.filter(pk=newer.pk).update(
        published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    Mission.objects.filter(pk=older.pk).update(
        published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )
    latest = page(client, "/en/").split('id="latest-heading"')[1]
    assert latest.index(newer.title) < latest.index(older.title)


# --- Russian-only text on the English site (issue 18) -----------------------------------------


@pytest.fixture
def russian_only():
    election = factories.election(name="", name_ru="Выборы Президента Кыргызстана")
    mission = factories.mission(
        election=election,
        title="",
        title_ru="Наблюдение МПА СНГ в Кыргызстане",
        summary_ru="Первая строка.\nВторая строка.\n\nВторой абзац.",
    )
    factories.document(mission, title="", title_ru="Заявление", findings_ru="Вывод один.")
    return mission


def test_english_site_shows_russian_only_text_marked_as_russian(client, russian_only):
    html = page(client, russian_only.get_absolute_url())
    assert (
        '<h1><span lang="ru">Наблюдение МПА СНГ в Кыргызстане</span> '
        '<span class="lang-fallback">(in Russian)</span></h1>'
    ) in html
    assert "This text exists only in Russian; it is shown in the original." in html
    assert '<div lang="ru"><p>Первая строка.<br>Вторая строка.</p>\n\n<p>Второй абзац.</p>' in html
    assert '<ol class="findings" lang="ru"><li>Вывод один.</li></ol>' in html
    assert "<title>Наблюдение МПА СНГ в Кыргызстане · " in html
    russian = page(client, in_language("ru", russian_only))
    assert "<h1>Наблюдение МПА СНГ в Кыргызстане</h1>" in russian
    assert '<div lang="ru"><p>Первая строка.' in russian


def test_lists_and_feeds_use_the_russian_title_when_it_is_the_only_one(client, russian_only):
    listed = page(client, "/en/missions/").split('id="results-heading"')[1]
    assert '<span lang="ru">Наблюдение МПА СНГ в Кыргызстане</span>' in listed
    assert "<title>Наблюдение МПА СНГ в Кыргызстане</title>" in page(client, "/en/feeds/missions/")
    documents = page(client, "/en/feeds/documents/")
    assert "<title>Заявление</title>" in documents and "Вывод один." in documents
    assert "<title>Выборы Президента Кыргызстана · " in page(
        client, russian_only.election.get_absolute_url()
    )
    search_index_update(missions=[russian_only])  # as every write path does
    found = page(client, "/en/missions/?q=Кыргызстане").split('id="results-heading"')[1]
    assert f'href="{russian_only.get_absolute_url()}"' in found


# --- serving files ----------------------------------------------------------------------------


def file_url(record):
    return reverse("document_file", kwargs={"uid": record.uid, "name": record.filename})


def test_a_published_mission_file_is_served_with_its_type_and_no_sniffing(client, joint):
    record = joint[2]["file"]
    response = client.get(file_url(record))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_a_draft_file_is_404_for_the_public_and_200_for_staff_who_may_preview(
    client, django_user_model, joint
):
    mission, _, made = joint
    Mission.objects.filter(pk=mission.pk).update(status=Mission.Status.DRAFT)
    url = file_url(made["file"])
    assert client.get(url).status_code == 404
    staff = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 404  # staff without the view permission
    staff.user_permissions.add(Permission.objects.get(codename="view_mission"))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_a_file_under_another_name_or_uid_is_not_found(client, joint):
    record = joint[2]["file"]
    assert client.get(f"/files/{record.uid}/other.pdf").status_code == 404
    assert client.get("/files/00000000-0000-0000-0000-000000000000/report.pdf").status_code == 404
    assert client.post(file_url(record)).status_code == 405


@pytest.mark.parametrize(
    "offload, header, value",
    [
        ("x-accel-redirect", "X-Accel-Redirect", "/protected-files/documents/{uid}/report.pdf"),
        ("x-sendfile", "X-Sendfile", "{root}/documents/{uid}/report.pdf"),
    ],
)
def test_offload_hands_the_file_to_the_web_server(
    client,
    settings,
    joint,
    tmp_media,  # noqa: F811
    offload,
    header,
    value,
):
    settings.DOCUMENT_FILES_OFFLOAD = offload
    record = joint[2]["file"]
    response = client.get(file_url(record))
    assert response.status_code == 200 and response.content == b""
    assert response[header] == value.format(uid=record.uid, root=tmp_media)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_docx_is_offered_as_a_download(client, joint):
    record = joint[2]["file"]
    record.media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    type(record).objects.filter(pk=record.pk).update(media_type=record.media_type)
    response = client.get(file_url(record))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["Content-Type"] == record.media_type


def test_visits_abroad_keep_their_country_apart_in_russian_too(client, joint):
    mission, _, _ = joint
    assert Visit.objects.filter(mission=mission, country__code="RU").count() == 1
    russian = page(client, in_language("ru", mission))
    assert 'За рубежом: <a href="/ru/countries/ru/">' in russian


def test_an_election_also_observed_only_by_a_draft_is_not_found(client, joint):
    mission, _, _ = joint
    draft = factories.mission(status=Mission.Status.DRAFT, election=mission.election)
    hidden = factories.election(
        slug="hidden-local", kind=Election.Kind.LOCAL, voting_day=mission.election.voting_day
    )
    draft.also_observed.add(hidden)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert page(client, "/en/missions/?kind=local").count('class="card"') == 0
