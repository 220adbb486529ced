"""Choices that are valid (issue 19, item 4): a mission's coordinator, partner heads and visit
observers are chosen among its delegation members; autocomplete puts exact matches first."""

import pytest
from django.urls import reverse

from missions.models import Mission
from tests import factories

from .admin_forms import posted_as_shown

pytestmark = pytest.mark.django_db


def offered(field):
    return [label for value, label in field.widget.choices if value != ""]


def test_the_mission_page_offers_only_members_as_coordinator_heads_and_observers(
    admin_client, mission, member, visit
):
    stranger = factories.person(name="Somebody Else")
    url = reverse("admin:missions_mission_change", args=[mission.pk])
    response = admin_client.get(url)
    form = response.context["adminform"].form
    assert offered(form.fields["coordinator"]) == [str(member.person)]
    (visits,) = [
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "visits"
    ]
    assert offered(visits.forms[0].fields["observers"]) == [str(member.person)]
    (partners,) = [
        i.formset
        for i in response.context["inline_admin_formsets"]
        if i.formset.prefix == "partners"
    ]
    assert offered(partners.empty_form.fields["head"]) == [str(member.person)]
    assert f'type="checkbox" name="visits-0-observers" value="{member.person_id}"' in response.text

    data = posted_as_shown(response) | {"coordinator": str(stranger.pk)}
    refused = admin_client.post(url, data)
    assert refused.context["adminform"].form.errors["coordinator"] == [
        "The coordinator must be a member of one of the delegations."
    ]
    data["coordinator"] = str(member.person_id)
    assert admin_client.post(url, data).status_code == 302
    assert Mission.objects.get(pk=mission.pk).coordinator == member.person


def autocomplete(client, model, field, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "missions", "model_name": model, "field_name": field, "term": term},
    )
    return [row["text"] for row in response.json()["results"]]


def test_an_exact_short_name_comes_first_with_the_full_name(admin_client, observer_body):
    factories.organization(name="Council of the IPA CIS", short_name="IPA CIS Council Secretariat")
    found = autocomplete(admin_client, "mission", "observer_body", "IPA CIS")
    assert found[0] == "IPA CIS — Interparliamentary Assembly"
    assert found[1:] == ["IPA CIS Council Secretariat — Council of the IPA CIS"]


def test_people_are_offered_with_both_names(admin_client, person):
    found = autocomplete(admin_client, "meeting", "led_by", "Умаханов")
    assert found == ["Ilyas Umakhanov / Ильяс Умаханов"]


def test_a_non_member_already_chosen_stays_on_offer_marked(admin_client, mission, visit):
    stranger = factories.person(name="Somebody Else")
    visit.observers.add(stranger)
    response = admin_client.get(reverse("admin:missions_mission_change", args=[mission.pk]))
    (visits,) = [
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "visits"
    ]
    assert offered(visits.forms[0].fields["observers"]) == ["Somebody Else (not a member)"]


def test_a_save_on_a_parts_page_returns_to_the_mission(admin_client, mission, meeting):
    url = reverse("admin:missions_meeting_change", args=[meeting.pk])
    data = posted_as_shown(admin_client.get(url)) | {"place_en": "Astana"}
    response = admin_client.post(url, data)
    assert response["Location"] == reverse("admin:missions_mission_change", args=[mission.pk])
    response = admin_client.post(url, data | {"_continue": "1"})
    assert response["Location"] == url


def test_the_mission_page_counts_each_section_and_the_list_shows_the_country(
    admin_client, mission, member, visit, meeting
):
    page = admin_client.get(reverse("admin:missions_mission_change", args=[mission.pk])).text
    assert "Visits (1)" in page and "Meetings (1)" in page and "Delegations (1)" in page
    assert "Phases (0)" in page
    page = admin_client.get(reverse("admin:missions_mission_changelist")).text
    for column in ("column-host_country", "column-starts", "column-ends", "column-status"):
        assert column in page
    assert "Kazakhstan" in page
