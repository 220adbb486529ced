"""Nothing a staff member types is silently damaged: dates are read one way only, and the
browser's line ends are stored as the pages split them (issue 19, item 2)."""

import datetime

import pytest
from django.urls import reverse

from missions.models import Meeting, Mission

from .admin_forms import posted_as_shown

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:missions_{obj._meta.model_name}_change", args=[obj.pk])


def post_mission(client, mission, **fields):
    url = change_url(mission)
    return client.post(url, posted_as_shown(client.get(url)) | fields)


def test_an_ambiguous_slash_date_is_refused_with_both_readings(admin_client, mission):
    response = post_mission(admin_client, mission, ends="11/12/2016")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["ends"] == [
        "11/12/2016 can be read as 2016-11-12 or as 2016-12-11: "
        "enter it as 2016-12-11 or 11.12.2016 (day, month, year)."
    ]
    assert Mission.objects.get(pk=mission.pk).ends == datetime.date(2017, 6, 29)


@pytest.mark.parametrize("typed", ["2017-06-30", "30.06.2017"])
def test_iso_and_day_month_year_dates_are_read_as_written(admin_client, mission, typed):
    assert post_mission(admin_client, mission, ends=typed).status_code == 302
    assert Mission.objects.get(pk=mission.pk).ends == datetime.date(2017, 6, 30)


def test_a_date_in_no_known_form_says_which_forms_are(admin_client, mission):
    for typed in ("06/30/2017", "June 30th"):
        response = post_mission(admin_client, mission, ends=typed)
        assert response.context["adminform"].form.errors["ends"] == [
            "Enter the date as 2016-12-11 or 11.12.2016 (day, month, year)."
        ]


def test_the_russian_admin_shows_and_reads_day_month_year(admin_client, mission):
    page = admin_client.get(change_url(mission), HTTP_ACCEPT_LANGUAGE="ru").text
    assert 'value="29.06.2017"' in page
    assert 'placeholder="2016-12-11 или 11.12.2016"' in page


def test_crlf_from_the_browser_is_stored_as_lf_on_every_text_field(admin_client, mission, meeting):
    summary = "First paragraph.\r\n\r\nSecond paragraph.\rThird line."
    url = change_url(meeting)
    data = posted_as_shown(admin_client.get(url)) | {"summary_en": summary, "summary_ru": summary}
    assert admin_client.post(url, data).status_code == 302
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (
        meeting.summary_en
        == meeting.summary_ru
        == ("First paragraph.\n\nSecond paragraph.\nThird line.")
    )
    assert post_mission(admin_client, mission, summary_en=summary).status_code == 302
    assert Mission.objects.get(pk=mission.pk).summary_paragraphs() == [
        "First paragraph.",
        "Second paragraph.\nThird line.",
    ]
