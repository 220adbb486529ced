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
from .models import DelegationMember, MeetingCounterpart
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


def page_links(request, route, **kwargs):
    return [
        {"url": links.html_url(request, route, language, **kwargs), "note": f"page ({language})"}
        for language in ("en", "ru")
    ]


def persons(request):
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
            "links": page_links(request, "person_detail", slug=person["slug"]),
        }


def organization_rows():
    return list(
        public_organizations()
        .order_by("slug")
        .values("slug", "name_en", "name_ru", "kind", "url", "country__code", "parent__slug")
    )


def organizations(request, rows, public):
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
            "links": page_links(request, "organization_detail", slug=row["slug"]) + website,
        }


def missions(request):
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
            "links": page_links(request, "mission_detail", slug=row["slug"]),
        }


def delegation_memberships(public):
    """Each delegation member of a published mission; `public`: the slugs of the public
    organizations (a delegation's organization or partner is one)."""
    members = published(DelegationMember, "delegation__mission").select_related(
        "person",
        "delegation__mission",
        "delegation__country",
        "delegation__organization",
        "delegation__partner",
    )
    for member in members.order_by("delegation__mission__slug", "delegation__order", "order"):
        delegation, mission = member.delegation, member.delegation.mission
        behalf = delegation.organization or delegation.partner
        behalf = behalf if behalf and behalf.slug in public else None
        yield {
            "id": f"membership:{member.uid}",
            "person_id": f"person:{member.person.slug}",
            "organization_id": f"mission:{mission.slug}",
            "role": member.role,
            "label": member.position_en or member.position_ru or None,
            "on_behalf_of_id": f"organization:{behalf.slug}" if behalf else None,
            "area_id": f"country:{delegation.country.code.lower()}" if delegation.country else None,
            "start_date": day(mission.starts),
            "end_date": day(mission.ends),
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
    counterparts = {}
    met = published(MeetingCounterpart, "meeting__mission").select_related("person")
    for counterpart in met.order_by("meeting_id", "order", "id"):
        counterparts.setdefault(counterpart.meeting_id, []).append(counterpart.person)
    meetings = public_meetings().select_related("mission", "host", "led_by")
    for meeting in meetings.order_by("mission__slug", "date", "order", "id"):
        people = ([meeting.led_by] if meeting.led_by else []) + counterparts.get(meeting.pk, [])
        yield {
            "id": f"event:{meeting.uid}",
            "name": event_name(meeting),
            "description": meeting.summary_en or meeting.summary_ru or None,
            "start_date": day(meeting.date),
            "end_date": day(meeting.date),
            "location": meeting.place_en or meeting.place_ru or None,
            "classification": meeting.kind,
            "organization_id": f"mission:{meeting.mission.slug}",
            "attendees": [{"id": f"person:{p.slug}", "name": p.name} for p in people],
        }


def event_name(meeting):
    """ "Meeting with <host>" or the kind alone: "Press conference"."""
    with translation.override("en"):
        kind = meeting.get_kind_display()
    host = meeting.host.name_en or meeting.host.name_ru if meeting.host else ""
    return f"{kind.capitalize()} with {host}" if host else kind.capitalize()


def areas(request):
    for country in public_countries().order_by("code").values("code", "name_en", "name_ru"):
        yield {
            "id": f"country:{country['code'].lower()}",
            "name": country["name_en"],
            "other_names": russian(country["name_en"], country["name_ru"]),
            "identifier": country["code"],
            "classification": "country",
            "sources": page_links(request, "country_detail", code=country["code"].lower()),
        }
    regions = public_regions().order_by("country__code", "name", "pk")
    for region in regions.values("pk", "name", "name_ru", "kind", "country__code"):
        yield {
            "id": f"region:{region['pk']}",
            "name": region["name"] or region["name_ru"],
            "other_names": russian(region["name"], region["name_ru"]),
            "classification": region["kind"],
            "parent_id": f"country:{region['country__code'].lower()}",
            "sources": page_links(request, "region_detail", pk=region["pk"]),
        }


def export(request=None):
    """The whole public archive in Popolo, with the data licence; absolute links when a
    request (or nothing: paths) gives the site's address."""
    rows = organization_rows()
    public = {row["slug"] for row in rows}
    return {
        "license": settings.DATA_LICENSE or None,
        "source": settings.SITE_NAME,
        "generated": timezone.now().isoformat(timespec="seconds"),
        "persons": list(persons(request)),
        "organizations": list(organizations(request, rows, public)) + list(missions(request)),
        "memberships": list(delegation_memberships(public)) + list(country_memberships()),
        "events": list(events()),
        "areas": list(areas(request)),
    }
