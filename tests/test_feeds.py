"""Atom feeds of newly published missions and of their documents."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from missions.models import Mission

from . import factories

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary") or "",
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_mission_feed_lists_newest_published_first(client):
    older = factories.full_mission(title="Older mission")
    newer = factories.full_mission(title="Newer mission")
    Mission.objects.filter(pk=older.pk).update(published_at=timezone.now() - datetime.timedelta(2))
    Mission.objects.filter(pk=newer.pk).update(published_at=timezone.now())
    factories.full_mission(title="Draft mission", status=Mission.Status.DRAFT)
    found = entries(client, "/en/feeds/missions/")
    assert [e["title"] for e in found] == ["Newer mission", "Older mission"]
    assert found[0]["link"] == f"http://testserver{newer.get_absolute_url()}"


def test_document_feed_links_each_document_to_its_mission(client):
    mission = factories.full_mission(title="Published mission")
    factories.full_mission(title="Review mission", status=Mission.Status.REVIEW)
    found = entries(client, "/en/feeds/documents/")
    assert [e["title"] for e in found] == ["Statement of Published mission"]
    document = mission.documents.get()
    assert found[0]["link"] == (
        f"http://testserver{mission.get_absolute_url()}#document-{document.uid}"
    )
    assert "The count was transparent." in found[0]["summary"]


def test_every_page_announces_both_feeds(client):
    factories.full_mission()
    html = client.get("/en/").content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/en/feeds/missions/"' in html and 'href="/en/feeds/documents/"' in html
