"""The Python tags the mission page builds its rows with show what the templates they replaced
showed: choice labels as get_FOO_display() gives them, names and texts escaped, the other
language marked."""

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.text import Truncator

from missions import page_scope
from missions.models import DelegationMember, ElectionRound
from missions.templatetags.charts import truncated
from missions.templatetags.links import person_link
from missions.templatetags.mission_page import display, member_line
from missions.templatetags.translated import text_block

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
