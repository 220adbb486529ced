"""A small archive for the search tests: the seed mission (imported, so the import keeps the
index) and two more published missions, each with words found nowhere else, and a draft."""

import datetime

from missions.models import (
    Delegation,
    DelegationMember,
    Document,
    Meeting,
    MeetingCounterpart,
    Mission,
    Region,
    Visit,
)
from missions.search.index import search_index_update

from . import factories

DRAFT_WORD = "referendum"  # only the draft has it


def belarus_mission():
    election = factories.election(
        slug="by-president-2020",
        name="Presidential election in the Republic of Belarus",
        name_ru="Выборы Президента Республики Беларусь",
        country=factories.country("BY"),
        kind="presidential",
        voting_day=datetime.date(2020, 8, 9),
    )
    mission = factories.mission(
        slug="by-president-2020-ipa-cis",
        title="Observation of the presidential election in Belarus, 2020",
        title_ru="Наблюдение за выборами Президента Беларуси, 2020",
        election=election,
        summary="The observers visited polling stations in Minsk and Brest.",
        summary_ru="Наблюдатели посетили избирательные участки в Минске и Бресте.",
    )
    Document.objects.create(
        mission=mission,
        kind=Document.Kind.FINAL_REPORT,
        date=mission.ends,
        title="Final report on Belarus",
        title_ru="Итоговый доклад по Беларуси",
        body="Transparent ballot boxes stood in every polling station.",
        body_ru="Прозрачные урны для голосования стояли на каждом участке.",
    )
    return mission


def kyrgyz_mission():
    kg = factories.country("KG")
    election = factories.election(
        slug="kg-parliament-2021",
        name="Parliamentary elections in the Kyrgyz Republic",
        name_ru="Выборы депутатов Жогорку Кенеша Кыргызской Республики",
        country=kg,
        voting_day=datetime.date(2021, 11, 28),
    )
    mission = factories.mission(
        slug="kg-parliament-2021-ipa-cis",
        title="Observation of the parliamentary elections in Kyrgyzstan, 2021",
        title_ru="Наблюдение за выборами в Жогорку Кенеш, 2021",
        election=election,
    )
    chair = factories.person(
        slug="nurzhan-shaildabekova",
        name="Nurzhan Shaildabekova",
        name_original="Нуржан Шайлдабекова",
        country=kg,
    )
    observer = factories.person(
        slug="anna-petrova", name="Anna Petrova", name_original="Анна Петрова"
    )
    delegation = Delegation.objects.create(mission=mission, country=factories.country("RU"))
    DelegationMember.objects.create(delegation=delegation, person=observer)
    meeting = Meeting.objects.create(
        mission=mission,
        date=mission.starts,
        host=factories.organization(
            slug="kg-cec",
            name="Central Commission for Elections of Kyrgyzstan",
            name_ru="Центральная комиссия по выборам Кыргызстана",
            short_name="CCEK",
            country=kg,
        ),
        summary="The chair described the new electronic ballot counters.",
        summary_ru="Председатель рассказала о новых электронных урнах.",
    )
    MeetingCounterpart.objects.create(meeting=meeting, person=chair, position="Chair")
    visit = Visit.objects.create(
        mission=mission,
        date=mission.starts,
        region=Region.objects.create(country=kg, name="Osh", name_ru="Ош"),
        notes="In Osh the counting went on until dawn.",
        notes_ru="В Оше подсчёт голосов продолжался до рассвета.",
    )
    visit.observers.add(observer)
    return mission


def draft_mission():
    return factories.mission(
        slug="am-referendum-draft",
        title=f"Armenian constitutional {DRAFT_WORD}",
        title_ru="Конституционный референдум в Армении",
        status=Mission.Status.DRAFT,
        summary=f"A {DRAFT_WORD} the team has not published.",
    )


def build():
    """The corpus, indexed; returns {name: mission}."""
    missions = {
        "kz": factories.load_seed(),
        "by": belarus_mission(),
        "kg": kyrgyz_mission(),
        "draft": draft_mission(),
    }
    search_index_update(missions=[missions["by"], missions["kg"], missions["draft"]])
    return missions
