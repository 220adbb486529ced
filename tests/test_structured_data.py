"""schema.org JSON-LD on mission pages."""

import json
import re

import pytest

from . import factories

pytestmark = pytest.mark.django_db

SEED = "kz-senate-2017-ipa-cis"


def json_ld(response):
    html = response.content.decode()
    (match,) = re.findall(
        r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
    )
    return match[0], json.loads(match[1])


def test_the_mission_page_describes_the_mission_as_an_event(client):
    factories.load_seed()
    response = client.get(f"/en/missions/{SEED}/")
    nonce, event = json_ld(response)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert event["@context"] == "https://schema.org" and event["@type"] == "Event"
    assert (event["startDate"], event["endDate"]) == ("2017-06-27", "2017-06-29")
    assert event["location"]["address"]["addressCountry"] == "KZ"
    assert event["organizer"]["url"] == "http://testserver/en/organizations/ipa-cis/"
    assert event["url"] == f"http://testserver/en/missions/{SEED}/"
    assert event["subjectOf"][0]["@type"] == "CreativeWork"
    _, russian = json_ld(client.get(f"/ru/missions/{SEED}/"))
    assert russian["name"].startswith("Наблюдение")


def test_text_cannot_close_the_script(client):
    mission = factories.full_mission(title="</script><script>alert(1)</script>")
    response = client.get(mission.get_absolute_url())
    _, event = json_ld(response)
    assert event["name"] == "</script><script>alert(1)</script>"


def test_russian_text_cannot_close_the_script_either(client):
    title = "Миссия </script><!-- & «выборы» -->"
    mission = factories.full_mission(title=title, title_ru=title)
    response = client.get(f"/ru{mission.get_absolute_url()[3:]}")
    script = response.text.split('<script type="application/ld+json"')[1].split("</script>")[0]
    assert not {"<", ">", "&"} & set(script.split(">", 1)[1])
    _, event = json_ld(response)
    assert event["name"] == title
