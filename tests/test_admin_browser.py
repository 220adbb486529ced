"""In real Chromium: an editor enters a mission and sends it for review; a publisher publishes."""

import pytest
from django.urls import reverse

from missions.models import Mission

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("input[type=submit]")
    page.wait_for_selector("#mission-dashboard")


def autocomplete(page, select_id, search, label=None):
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", search)
    page.click(f".select2-results__option:has-text('{label or search}')")


def run_action(page, base, action, title):
    page.goto(f"{base}{reverse('admin:missions_mission_changelist')}")
    row = page.locator("#result_list tr", has_text=title)
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def test_mission_from_entry_to_publication(
    page, live_server, editor, publisher, election, observer_body
):
    base = live_server.url
    log_in(page, base, editor.username)
    page.goto(f"{base}{reverse('admin:missions_mission_add')}")
    page.locator("#id_title_en").press_sequentially(
        "Observation of the early presidential election"
    )
    assert page.input_value("#id_slug") == "observation-of-the-early-presidential-election"
    autocomplete(page, "id_election", "Elections to the Senate")
    autocomplete(page, "id_observer_body", "Interparliamentary", "IPA CIS")
    page.select_option("#id_monitoring", "short-term")
    page.fill("#id_starts", "2017-06-27")
    page.fill("#id_ends", "2017-06-29")

    page.locator("#delegations-group .add-row a").last.click()  # not a nested section's link
    autocomplete(page, "id_delegations-0-country", "Belarus")
    page.locator("#meetings-group .add-row a").last.click()
    page.fill("#id_meetings-0-date", "2017-06-27")
    page.fill("#id_meetings-0-place_en", "Astana")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    mission = Mission.objects.get(slug="observation-of-the-early-presidential-election")
    assert [str(d) for d in mission.delegations.all()] == ["Belarus"]
    assert mission.meetings.get().place == "Astana"
    assert mission.created_by == editor

    run_action(page, base, "send_for_review", mission.title)
    assert "1 mission sent for review." in page.inner_text(".messagelist")
    # The editor is not offered publishing at all.
    assert page.locator("select[name=action] option[value=publish]").count() == 0

    log_in(page, base, publisher.username)
    assert mission.title in page.inner_text("#dashboard-review")
    run_action(page, base, "publish", mission.title)
    assert "1 mission published." in page.inner_text(".messagelist")
    mission.refresh_from_db()
    assert mission.status == Mission.Status.PUBLISHED
    assert mission.published_by == publisher

    # The published mission is on the public list for an anonymous reader.
    page.context.clear_cookies()
    page.goto(f"{base}{reverse('missions:mission_list')}")
    assert mission.title in page.inner_text("main")
