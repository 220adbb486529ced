"""The Python tags the mission page builds its rows with show what the templates they replaced
showed: choice labels as get_FOO_display() gives them, names and texts escaped, the other
language marked."""

import pytest
from django.apps import apps
from django.template import engines
from django.utils import translation
from django.utils.html import linebreaks
from django.utils.text import Truncator
from jinja2 import pass_context

from missions import page_scope
from missions.models import DelegationMember, ElectionRound, Mission
from missions.templatetags.charts import truncated
from missions.templatetags.links import person_link
from missions.templatetags.mission_page import display, member_line, rows
from missions.templatetags.translated import paragraphs, text_block
from missions.views.mission_page import PUBLIC_PAGE

from . import factories

pytestmark = pytest.mark.django_db


def choice_fields():
    for model in apps.get_app_config("missions").get_models():
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_choice_label_is_what_get_display_gives_in_each_language(language):
    checked = 0
    with translation.override(language):
        for model, field in choice_fields():
            for value in [*(value for value, _ in field.flatchoices), "not-a-choice"]:
                record = model(**{field.attname: value})
                expected = getattr(record, f"get_{field.name}_display")()
                assert display(record, field.name) == expected, (model, field.name, value)
                checked += 1
    assert checked > 20


def test_a_member_line_escapes_the_names_and_gives_the_round_in_the_page_language():
    mission = factories.mission()
    round_ = ElectionRound.objects.create(
        election=mission.election, number=2, voting_day=mission.election.voting_day
    )
    person = factories.person(name="Anne O'Brien & <Co>", name_original="Анна О'Брайен")
    delegation = mission.delegations.create(country=factories.country("RU"), order=1)
    member = DelegationMember.objects.create(
        delegation=delegation, person=person, position="Adviser", group="<B>", round=round_
    )
    with translation.override("en"):
        line = member_line(member)
    assert "Anne O&#x27;Brien &amp; &lt;Co&gt;</a>" in line
    assert '<span class="original" lang="ru">(Анна О&#x27;Брайен)</span>' in line
    assert '<span class="group">(&lt;B&gt;)</span>' in line
    assert '<span class="member-round">(round 2)</span>' in line
    with translation.override("ru"):
        line, link = member_line(member), person_link(person)
    assert link.startswith(f'<a href="/ru/people/{person.slug}/">Анна О&#x27;Брайен</a>')
    assert line.startswith(link)
    assert '<span class="member-round">(тур 2)</span>' in line


def test_a_text_shown_in_the_other_language_is_marked_and_escaped():
    mission = factories.mission(summary_en="First <b>part</b>.\n\nSecond\nline.", summary_ru="")
    with translation.override("ru"):
        block = text_block(mission, "summary")
    assert block.startswith('<p class="lang-fallback">')
    assert (
        '<div lang="en"><p>First &lt;b&gt;part&lt;/b&gt;.</p>\n\n<p>Second<br>line.</p></div>'
        in block
    )
    with translation.override("en"):
        assert text_block(mission, "summary").startswith('\n<div lang="en"><p>First')
        assert text_block(factories.mission(), "summary") == "\n"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_chart_label_is_truncated_as_truncator_truncates_it(language):
    texts = [
        "",
        "Minsk",
        "x" * 70,
        "x" * 71,
        "Избирательная комиссия " * 4,
        "e\u0301" * 40,  # 80 code points that NFC composes into 40 characters
        "x\u0301" * 50,  # 100 code points, 50 characters: combining marks are not counted
        "<b>&amp;</b> " * 10,
    ]
    with translation.override(language):
        for text in texts:
            assert truncated(text, 70) == Truncator(text).chars(70), text


def test_the_held_language_and_routes_are_the_ones_read_on_entry_and_let_go_after():
    person = factories.person(name="Anne Smith")
    with translation.override("en"):
        with page_scope.held():
            held_link = person_link(person)
        with pytest.raises(RuntimeError), page_scope.held():
            raise RuntimeError  # a body that fails lets the scope go as well
        with translation.override("ru"):
            assert person_link(person).startswith(f'<a href="/ru/people/{person.slug}/">')
            assert page_scope.language() == "ru"
    assert held_link.startswith(f'<a href="/en/people/{person.slug}/">')


def test_a_parents_rows_are_its_relations_rows_handed_or_not(django_assert_num_queries):
    mission = factories.full_mission()
    loaded = PUBLIC_PAGE.get(mission.slug)
    with django_assert_num_queries(0):
        handed = rows(loaded, "delegations")
        members = [rows(delegation, "members") for delegation in handed]
        visits = rows(loaded, "visits")
        observers = [rows(visit, "observers") for visit in visits]
    fetched = Mission.objects.get(pk=mission.pk)  # nothing prefetched: the relation's query
    assert list(handed) == list(rows(fetched, "delegations")) == list(mission.delegations.all())
    assert members == [list(d.members.all()) for d in mission.delegations.all()]
    assert observers == [list(v.observers.all()) for v in mission.visits.all()]
    assert list(rows(fetched, "sources")) == []


@pass_context
def page_name(context, *args, suffix=""):
    return f"{context.name}{suffix}"


class Record:
    @pass_context
    def named(self, context):
        return context.name

    def plain(self, text):
        return text.upper()


def test_a_call_in_the_body_gets_the_context_a_function_asks_for():
    # Globals are called directly; a variable of the same name, a template's own, a method
    # marked pass_context are called as Jinja2 calls them.
    env = engines["jinja2"].env
    source = (
        "{{ tr(record, 'title') }}|{{ record.named() }}|{{ record.plain('a') }}|{{ _('Sources') }}"
    )
    template = env.from_string(source)
    template.name = "page"
    record = Record()
    record.title_en = "T"
    with translation.override("en"):
        assert template.render(record=record) == "T|page|A|Sources"
        assert template.render(record=record, tr=page_name) == "page|page|A|Sources"
        own = env.from_string("{% set tr = page_name %}{{ tr(suffix='!') }}")
        own.name = "own"
        assert own.render(page_name=page_name) == "own!"
        looped = env.from_string("{% for tr in [page_name] %}{{ tr() }}{% endfor %}")
        looped.name = "looped"
        assert looped.render(page_name=page_name) == "looped"


def test_a_text_blocks_paragraphs_are_what_linebreaks_gives():
    texts = [
        "One line",
        "A <b>bold</b> & 'quoted' \"claim\"\nnext line\n\nnext paragraph",
        "Windows\r\nlines\r\n\r\nand old Mac\rlines\r\r\n\n\n\nend\n",
        "\n\nleading and trailing\n\n",
        "\r",
    ]
    for text in texts:
        assert paragraphs(text) == linebreaks(text, autoescape=True), text
