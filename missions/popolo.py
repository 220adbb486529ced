"""The public archive in Popolo (popoloproject.com): persons, organizations, memberships,
events and areas, as civic-tech tools (Pombola, EveryPolitician) read them.

How the archive maps onto Popolo:
- a person is a Person, an organization an Organization (`parent_id` its parent);
- a mission is an Organization too (classification "observation mission", its parent the
  observing body), and each delegation member a Membership of it: role, position as the
  label, the mission's dates, `on_behalf_of_id` the delegation's organization or partner and
  `area_id` its sending country;
- an organization's member countries are Memberships with `area_id` the country;
- a meeting, briefing or press conference is an Event of the mission, its attendees the
  member who led it and the officials met;
- countries and regions are Areas (a region's parent its country).

Ids are "person:<slug>", "organization:<slug>", "mission:<slug>", "country:<code>",
"region:<id>", "membership:<uid>" and "event:<uid>". English is the main text; the Russian
is an `other_names` entry with the note "ru". Everything comes from `missions.visibility`,
in a fixed number of queries.
"""

from django.conf import settings
from django.utils import timezone, translation

from .api import links
from .models import DelegationMember, Meeting, MeetingCounterpart
from .visibility import (
    public_countries,
    public_meetings,
    public_memberships,
    public_missions,
    public_organizations,
    public_people,
    public_regions,
    published,
)

ISO_3166 = "ISO 3166-1 alpha-2"


def day(value):
    return value.isoformat() if value else None


def russian(english, russian_text):
    """The Russian as an other name, when it differs from the English."""
    if russian_text and russian_text != english:
        return [{"name": russian_text, "note": "ru"}]
    return []


class PageLinks:
    """The public pages' addresses in both languages, each route reversed once (a reverse()
    per record was most of the export's time at 2,000 missions)."""

    PLACEHOLDER = "9876543210123456789"  # a slug, a str and an int alike

    def __init__(self, request):
        self.request, self.templates = request, {}

    def __call__(self, route, key, value):
        if route not in self.templates:
            self.templates[route] = [
                (language, links.html_url(self.request, route, language, **{key: self.PLACEHOLDER}))
                for language in ("en", "ru")
            ]
        return [
            {"url": template.replace(self.PLACEHOLDER, str(value)), "note": f"page ({language})"}
            for language, template in self.templates[route]
        ]


def persons(page_links):
    rows = public_people().order_by("slug")
    for person in rows.values("slug", "name", "name_original"):
        other = []
        if person["name_original"] and person["name_original"] != person["name"]:
            other.append({"name": person["name_original"], "note": "original"})
        yield {
            "id": f"person:{person['slug']}",
            "name": person["name"],
            "other_names": other,
            "identifiers": [{"identifier": person["slug"], "scheme": "slug"}],
            "links": page_links("person_detail", "slug", person["slug"]),
        }


def organization_rows():
    return list(
        public_organizations()
        .order_by("slug")
        .values("slug", "name_en", "name_ru", "kind", "url", "country__code", "parent__slug")
    )


def organizations(page_links, rows, public):
    for row in rows:
        parent = row["parent__slug"]
        country = row["country__code"]
        website = [{"url": row["url"], "note": "website"}] if row["url"] else []
        yield {
            "id": f"organization:{row['slug']}",
            "name": row["name_en"] or row["name_ru"],
            "other_names": russian(row["name_en"], row["name_ru"]),
            "identifiers": [{"identifier": row["slug"], "scheme": "slug"}],
            "classification": row["kind"],
            "parent_id": f"organization:{parent}" if parent in public else None,
            "area_id": f"country:{country.lower()}" if country else None,
            "links": page_links("organization_detail", "slug", row["slug"]) + website,
        }


def missions(page_links):
    rows = public_missions().order_by("slug")
    fields = ("slug", "title_en", "title_ru", "starts", "ends", "observer_body__slug")
    for row in rows.values(*fields, "election__country__code"):
        yield {
            "id": f"mission:{row['slug']}",
            "name": row["title_en"] or row["title_ru"],
            "other_names": russian(row["title_en"], row["title_ru"]),
            "identifiers": [{"identifier": row["slug"], "scheme": "slug"}],
            "classification": "observation mission",
            "parent_id": f"organization:{row['observer_body__slug']}",
            "area_id": f"country:{row['election__country__code'].lower()}",
            "founding_date": day(row["starts"]),
            "dissolution_date": day(row["ends"]),
            "links": page_links("mission_detail", "slug", row["slug"]),
        }


MEMBER_FIELDS = {
    "uid": "uid",
    "role": "role",
    "position_en": "position_en",
    "position_ru": "position_ru",
    "person": "person__slug",
    "mission": "delegation__mission__slug",
    "starts": "delegation__mission__starts",
    "ends": "delegation__mission__ends",
    "country": "delegation__country__code",
    "organization": "delegation__organization__slug",
    "partner": "delegation__partner__slug",
}


def delegation_memberships(public):
    """Each delegation member of a published mission; `public`: the slugs of the public
    organizations (a delegation's organization or partner is one)."""
    members = published(DelegationMember, "delegation__mission").order_by(
        "delegation__mission__slug", "delegation__order", "delegation_id", "order", "id"
    )
    for values in members.values_list(*MEMBER_FIELDS.values()):
        row = dict(zip(MEMBER_FIELDS, values, strict=True))
        behalf = row["organization"] or row["partner"]
        yield {
            "id": f"membership:{row['uid']}",
            "person_id": f"person:{row['person']}",
            "organization_id": f"mission:{row['mission']}",
            "role": row["role"],
            "label": row["position_en"] or row["position_ru"] or None,
            "on_behalf_of_id": f"organization:{behalf}" if behalf in public else None,
            "area_id": f"country:{row['country'].lower()}" if row["country"] else None,
            "start_date": day(row["starts"]),
            "end_date": day(row["ends"]),
        }


def country_memberships():
    rows = public_memberships().order_by("organization__slug", "country__code", "since")
    for row in rows.values("uid", "organization__slug", "country__code", "since", "until"):
        yield {
            "id": f"membership:{row['uid']}",
            "role": "member state",
            "organization_id": f"organization:{row['organization__slug']}",
            "area_id": f"country:{row['country__code'].lower()}",
            "start_date": day(row["since"]),
            "end_date": day(row["until"]),
        }


def events():
    attendees = {}
    met = published(MeetingCounterpart, "meeting__mission").order_by("meeting_id", "order", "id")
    for row in met.values("meeting_id", "person__slug", "person__name"):
        attendees.setdefault(row["meeting_id"], []).append(person_ref(row))
    meetings = public_meetings().order_by("mission__slug", "date", "order", "id")
    fields = ("pk", "uid", "kind", "date", "summary_en", "summary_ru", "place_en", "place_ru")
    names = ("mission__slug", "host__name_en", "host__name_ru", "led_by__slug", "led_by__name")
    for row in meetings.values(*fields, *names):
        led = [person_ref(row, "led_by__")] if row["led_by__slug"] else []
        yield {
            "id": f"event:{row['uid']}",
            "name": event_name(row),
            "description": row["summary_en"] or row["summary_ru"] or None,
            "start_date": day(row["date"]),
            "end_date": day(row["date"]),
            "location": row["place_en"] or row["place_ru"] or None,
            "classification": row["kind"],
            "organization_id": f"mission:{row['mission__slug']}",
            "attendees": led + attendees.get(row["pk"], []),
        }


def person_ref(row, prefix="person__"):
    return {"id": f"person:{row[prefix + 'slug']}", "name": row[prefix + "name"]}


def event_name(row):
    """ "Meeting with <host>" or the kind alone: "Press conference"."""
    with translation.override("en"):
        kind = str(Meeting.Kind(row["kind"]).label).capitalize()
    host = row["host__name_en"] or row["host__name_ru"]
    return f"{kind} with {host}" if host else kind


def areas(page_links):
    for country in public_countries().order_by("code").values("code", "name_en", "name_ru"):
        yield {
            "id": f"country:{country['code'].lower()}",
            "name": country["name_en"],
            "other_names": russian(country["name_en"], country["name_ru"]),
            "identifier": country["code"],
            "classification": "country",
            "sources": page_links("country_detail", "code", country["code"].lower()),
        }
    regions = public_regions().order_by("country__code", "name", "pk")
    for region in regions.values("pk", "name", "name_ru", "kind", "country__code"):
        yield {
            "id": f"region:{region['pk']}",
            "name": region["name"] or region["name_ru"],
            "other_names": russian(region["name"], region["name_ru"]),
            "classification": region["kind"],
            "parent_id": f"country:{region['country__code'].lower()}",
            "sources": page_links("region_detail", "pk", region["pk"]),
        }


def export(request=None):
    """The whole public archive in Popolo, with the data licence; absolute links when a
    request (or nothing: paths) gives the site's address."""
    rows = organization_rows()
    public = {row["slug"] for row in rows}
    page_links = PageLinks(request)
    return {
        "license": settings.DATA_LICENSE or None,
        "source": settings.SITE_NAME,
        "generated": timezone.now().isoformat(timespec="seconds"),
        "persons": list(persons(page_links)),
        "organizations": list(organizations(page_links, rows, public)) + list(missions(page_links)),
        "memberships": list(delegation_memberships(public)) + list(country_memberships()),
        "events": list(events()),
        "areas": list(areas(page_links)),
    }
