"""The admin in Russian (issue 19, item 5): each staff member picks the admin's language, and
no admin page shows an English interface string or a name in a case Django got wrong."""

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import import_export
import pytest
import reversion
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from tests.test_admin_mission2 import (  # noqa: F401
    cases,
    documented,
    earlier_recommendation,
    first_round,
    referendum,
)

pytestmark = pytest.mark.django_db

CATALOGUES = [
    Path(django.__file__).parent / "conf/locale/en/LC_MESSAGES/django.po",
    Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
    Path(reversion.__file__).parent / "locale/en/LC_MESSAGES/django.po",
    Path(import_export.__file__).parent / "locale/en/LC_MESSAGES/django.po",
    Path(__file__).parent.parent / "locale/ru/LC_MESSAGES/django.po",
]


def english_msgids():
    """Every interface string the admin could show, in English, without placeholders."""
    found = set()
    for path in CATALOGUES:
        if not path.exists():
            continue
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
            if not match:
                continue
            text = "".join(re.findall(r'"(.*)"', match.group(1))).replace('\\"', '"')
            if text and "%" not in text and re.search(r"[A-Za-z]{3}", text):
                found.add(text.strip())
    return found


class VisibleText(HTMLParser):
    """The text a reader sees, less scripts and anything marked as another language."""

    SKIP = {"script", "style", "textarea", "noscript"}

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "input", "meta", "link", "hr"}:
            return
        attrs = dict(attrs)
        skip = tag in self.SKIP or attrs.get("lang") == "en"
        self.stack.append((tag, skip or bool(self.stack and self.stack[-1][1])))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not (self.stack and self.stack[-1][1]):
            self.texts.append(" ".join(data.split()))


def visible(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


def wrong_cases():
    """Django's compositions with a name left in the nominative: "Добавить миссия"."""
    with translation.override("ru"):
        names = {str(model._meta.verbose_name) for model in admin.site._registry} | {
            str(model._meta.verbose_name_plural) for model in admin.site._registry
        }
    verbs = ("Добавить", "Изменить", "Выберите", "Просмотреть", "Добавить еще один")
    return [f"{verb} {name}" for verb in verbs for name in names] + ["Восстановить удаленный"]


def admin_pages():
    for model in admin.site._registry:
        meta = model._meta
        base = f"admin:{meta.app_label}_{meta.model_name}"
        yield reverse(f"{base}_changelist")
        yield reverse(f"{base}_add")
        record = model.objects.first()
        if record is not None:
            yield reverse(f"{base}_change", args=[record.pk])
            yield reverse(f"{base}_history", args=[record.pk])


def test_a_staff_member_picks_the_admin_language_and_keeps_it(admin_client, mission):
    url = reverse("admin:missions_mission_changelist")
    assert 'name="language"' in admin_client.get(url).text
    response = admin_client.post(
        reverse("admin:missions_admin_language"), {"language": "ru", "next": url}
    )
    assert response.status_code == 302
    page = admin_client.get(url)
    assert '<html lang="ru"' in page.text
    assert "Выбор для изменения: миссия" in page.text


def test_every_admin_page_in_russian_has_no_english_and_no_wrong_case(
    admin_client,
    mission,
    member,
    delegation,
    meeting,
    visit,
    request,
):
    fixtures = [
        request.getfixturevalue(name)
        for name in ("documented", "first_round", "earlier_recommendation", "referendum")
    ]
    cases(mission, member, delegation, *fixtures)
    admin_client.post(reverse("admin:missions_admin_language"), {"language": "ru", "next": "/"})
    groups = set(Group.objects.values_list("name", flat=True))  # records, not interface
    english, wrong = english_msgids() - groups, wrong_cases()
    problems = []
    for url in [reverse("admin:index"), *admin_pages()]:
        response = admin_client.get(url)
        if response.status_code == 403:
            continue  # a page nobody may open (django-axes' add pages)
        assert response.status_code == 200, url
        html = response.content.decode()
        problems += [f"{url}: English {text!r}" for text in visible(html) if text in english]
        problems += [f"{url}: wrong case {form!r}" for form in wrong if form in html]
    assert problems == []
