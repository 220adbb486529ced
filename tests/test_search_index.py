"""The index is current after every write path: admin saves and deletes, publishing, the
document import (bulk writes), renames of shared records, the synthetic archive, restore."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from missions import synthetic
from missions.models import Document, Mission, Organization, Person, SearchEntry
from missions.search.admin import SearchIndexedAdmin
from missions.search.query import search

from . import search_corpus
from .documents_helpers import SEED, import_text

pytestmark = pytest.mark.django_db
KZ = "kz-senate-2017-ipa-cis"


def found(text, kind="mission"):
    _query, _totals, groups = search(text, kind=kind)
    return [getattr(hit.record, "slug", None) or hit.record.title for g in groups for hit in g.hits]


def admin_url(model, view, *args):
    return reverse(f"admin:missions_{model._meta.model_name}_{view}", args=args)


def test_every_admin_of_the_app_keeps_the_index():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label == "missions":
            assert isinstance(model_admin, SearchIndexedAdmin), model


def test_a_person_renamed_in_the_admin_is_found_by_the_new_name(admin_client):
    search_corpus.build()
    tokaev = Person.objects.get(slug="kasym-jomart-tokaev")
    response = admin_client.post(
        admin_url(Person, "change", tokaev.pk),
        {
            "slug": tokaev.slug,
            "name": "Kassym-Jomart Tokayev",
            "name_original": "Қасым-Жомарт Тоқаев",
            "country": str(tokaev.country_id),
        },
    )
    assert response.status_code == 302
    assert found("Tokayev") == [KZ]  # the mission that met him, renamed with him
    assert found("Tokayev", "person") == ["kasym-jomart-tokaev"]
    assert found("Kasym-Jomart", "person") == []  # (meeting summaries still spell it so)


def test_an_organization_renamed_in_the_admin_renames_its_missions(admin_client):
    search_corpus.build()
    cec = Organization.objects.get(slug="kz-cec")
    response = admin_client.post(
        admin_url(Organization, "change", cec.pk),
        {
            "slug": cec.slug,
            "name_en": "Electoral Board of Kazakhstan",
            "name_ru": "Избирком Казахстана",
            "short_name_en": "EBK",
            "short_name_ru": "",
            "kind": cec.kind,
            "country": str(cec.country_id),
            "parent": "",
        },
    )
    assert response.status_code == 302
    assert found("избирком") == [KZ]
    assert found("EBK", "organization") == ["kz-cec"]


def test_a_document_deleted_in_the_admin_leaves_the_index(admin_client):
    search_corpus.build()
    report = Document.objects.get(title_en="Final report on Belarus")
    assert found("урны", "document") == ["Final report on Belarus"]
    response = admin_client.post(admin_url(Document, "delete", report.pk), {"post": "yes"})
    assert response.status_code == 302
    assert found("урны", "document") == []
    assert "by-president-2020-ipa-cis" not in found("урны")  # its mission no longer says it


def test_a_mission_deleted_in_the_admin_takes_its_people_out(admin_client):
    missions = search_corpus.build()
    kg = missions["kg"]
    Mission.objects.filter(pk=kg.pk).update(status=Mission.Status.DRAFT)  # deletable
    response = admin_client.post(admin_url(Mission, "delete", kg.pk), {"post": "yes"})
    assert response.status_code == 302
    assert found("Shaildabekova", "person") == []
    assert not SearchEntry.objects.filter(kind="person", heading__contains="Shaildabekova")


def test_publishing_from_the_admin_action_indexes_the_mission(admin_client, publisher):
    missions = search_corpus.build()
    admin_client.force_login(publisher)
    response = admin_client.post(
        admin_url(Mission, "changelist"),
        {"action": "publish", "_selected_action": [missions["draft"].pk]},
    )
    assert response.status_code == 302
    assert found(search_corpus.DRAFT_WORD) == ["am-referendum-draft"]


def test_the_import_indexes_its_missions_and_renames(db):
    import_text(SEED)
    assert found("tokaev") == [KZ]
    renamed = SEED.replace("Kasym-Jomart Tokaev", "Kassym Tokayev").replace(
        "kz-senate-2017-ipa-cis", "kz-senate-2017-second"
    )
    # mission/2: renaming a person another mission names takes --update-shared
    import_text(
        renamed.replace("slug: kz-senate-2017\n", "slug: kz-senate-2017\n"), update_shared=True
    )
    # The person is shared: the first mission names him by the new name too.
    assert sorted(found("tokayev")) == sorted([KZ, "kz-senate-2017-second"])
    assert found("tokaev", "person") == []


def test_a_dry_run_import_leaves_the_index_as_it_was(db):
    import_text(SEED, dry_run=True)
    assert not SearchEntry.objects.exists()


def test_the_synthetic_archive_is_searchable_and_leaves_no_entry_behind(db):
    synthetic.seed_archive(missions=3, seed=1)
    mission = synthetic.synthetic_missions().filter(status="published").first()
    assert mission is not None
    assert SearchEntry.objects.filter(kind="mission", object_id=mission.pk).exists()
    synthetic.delete_archive()
    assert not SearchEntry.objects.exists()


def test_rebuild_command_gives_the_same_index(db):
    search_corpus.build()
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "heading", "body_en"))
    out = __import__("io").StringIO()
    call_command("rebuild_search_index", stdout=out)
    after = sorted(SearchEntry.objects.values_list("kind", "object_id", "heading", "body_en"))
    assert before == after and "Search index rebuilt" in out.getvalue()
