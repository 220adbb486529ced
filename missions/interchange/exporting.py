"""Writing a mission as a mission document: the contract's key order, optional empty
fields left out, only the organizations and people the mission uses."""

import copy
import json

import yaml
from django.db.models import Prefetch, prefetch_related_objects

from missions.models import DelegationMember, MeetingCounterpart, Mission, Person

FORMAT = "mission/1"


def mission_to_document(mission):
    """Return the mission document (a plain dict) for one mission."""
    mission = Mission.objects.select_related(
        "election__country", "election__body", "observer_body", "coordinator"
    ).get(pk=mission.pk)
    delegations = list(
        mission.delegations.select_related("country", "organization")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=DelegationMember.objects.select_related("person").order_by("order", "id"),
            )
        )
        .order_by("order", "id")
    )
    meetings = list(
        mission.meetings.select_related("host", "led_by")
        .prefetch_related(
            Prefetch(
                "counterparts",
                queryset=MeetingCounterpart.objects.select_related("person").order_by(
                    "order", "id"
                ),
            )
        )
        .order_by("date", "order", "id")
    )
    visits = list(
        mission.visits.select_related("region")
        .prefetch_related(Prefetch("observers", queryset=Person.objects.order_by("name", "slug")))
        .order_by("date", "order", "id")
    )
    documents = list(mission.documents.order_by("date", "order", "id"))

    used = Used()
    document = {"format": FORMAT, "mission": mission_entry(mission, used)}
    parts = {
        "delegations": [delegation_entry(d, used) for d in delegations],
        "meetings": [meeting_entry(m, used) for m in meetings],
        "visits": [visit_entry(v, used) for v in visits],
        "documents": [document_entry(d) for d in documents],
    }
    # The countries of everyone the mission names, in two queries instead of one per person.
    prefetch_related_objects(list(used.people.values()), "country")
    prefetch_related_objects(list(used.organizations.values()), "country")
    used_parts = {
        "organizations": [organization_entry(o) for o in used.organizations.values()],
        "people": [person_entry(p) for p in used.people.values()],
    }
    for key, entries in (used_parts | parts).items():
        if entries:
            document[key] = entries
    return reorder(document)


TOP_LEVEL_ORDER = [
    "format",
    "mission",
    "organizations",
    "people",
    "delegations",
    "meetings",
    "visits",
    "documents",
]


def reorder(document):
    return {key: document[key] for key in TOP_LEVEL_ORDER if key in document}


class Used:
    """The organizations (with their parents) and people a mission refers to, in order of use."""

    def __init__(self):
        self.organizations = {}
        self.people = {}

    def organization(self, organization):
        chain = []
        while organization is not None and organization.slug not in self.organizations:
            chain.append(organization)
            organization = organization.parent
        for ancestor in reversed(chain):
            self.organizations[ancestor.slug] = ancestor

    def person(self, person):
        if person is None:
            return None
        self.people.setdefault(person.slug, person)
        return person.slug


def en(obj, field):
    """The English text of a translated field, whatever language is active."""
    return getattr(obj, f"{field}_en") or ""


def ru(obj, field):
    return getattr(obj, f"{field}_ru") or ""


def lines(value):
    return [line.strip() for line in value.splitlines() if line.strip()]


def compact(entry):
    """Drop optional fields that are empty (None, "" or [])."""
    return {key: value for key, value in entry.items() if value not in (None, "", [])}


def mission_entry(mission, used):
    election = mission.election
    return compact(
        {
            "slug": mission.slug,
            "title": en(mission, "title"),
            "title_ru": ru(mission, "title"),
            "observer_body": use_organization(used, mission.observer_body),
            "monitoring": mission.monitoring,
            "starts": mission.starts.isoformat(),
            "ends": mission.ends.isoformat(),
            "status": mission.status,
            "coordinator": used.person(mission.coordinator),
            "summary": en(mission, "summary"),
            "summary_ru": ru(mission, "summary"),
            "election": compact(
                {
                    "slug": election.slug,
                    "name": en(election, "name"),
                    "name_ru": ru(election, "name"),
                    "country": election.country.code,
                    "kind": election.kind,
                    "voting_day": election.voting_day.isoformat(),
                    "body": use_organization(used, election.body),
                }
            ),
        }
    )


def use_organization(used, organization):
    used.organization(organization)
    return organization.slug if organization else None


def organization_entry(organization):
    return compact(
        {
            "slug": organization.slug,
            "name": en(organization, "name"),
            "name_ru": ru(organization, "name"),
            "short_name": en(organization, "short_name"),
            "short_name_ru": ru(organization, "short_name"),
            "country": organization.country.code if organization.country else None,
            "kind": organization.kind,
            "parent": organization.parent.slug if organization.parent else None,
        }
    )


def person_entry(person):
    return compact(
        {
            "slug": person.slug,
            "name": person.name,
            "country": person.country.code if person.country else None,
            "name_original": person.name_original,
        }
    )


def delegation_entry(delegation, used):
    entry = (
        {"country": delegation.country.code}
        if delegation.country
        else {"organization": use_organization(used, delegation.organization)}
    )
    members = [
        compact(
            {
                "person": used.person(member.person),
                "role": member.role,
                "position": en(member, "position"),
                "position_ru": ru(member, "position"),
            }
        )
        for member in delegation.members.all()
    ]
    return compact(entry | {"members": members})


def meeting_entry(meeting, used):
    counterparts = [
        compact(
            {
                "person": used.person(c.person),
                "position": en(c, "position"),
                "position_ru": ru(c, "position"),
            }
        )
        for c in meeting.counterparts.all()
    ]
    return compact(
        {
            "date": meeting.date.isoformat(),
            "kind": meeting.kind,
            "place": en(meeting, "place"),
            "place_ru": ru(meeting, "place"),
            "host": use_organization(used, meeting.host),
            "counterparts": counterparts,
            "led_by": used.person(meeting.led_by),
            "summary": en(meeting, "summary"),
            "summary_ru": ru(meeting, "summary"),
        }
    )


def visit_entry(visit, used):
    return compact(
        {
            "date": visit.date.isoformat(),
            "region": visit.region.name,
            "region_ru": visit.region.name_ru,
            "region_kind": visit.region.kind,
            "stages": list(visit.stages),
            "observers": [used.person(p) for p in visit.observers.all()],
            "stations_visited": visit.stations_visited,
            "notes": en(visit, "notes"),
            "notes_ru": ru(visit, "notes"),
        }
    )


def document_entry(document):
    return compact(
        {
            "kind": document.kind,
            "date": document.date.isoformat(),
            "title": en(document, "title"),
            "title_ru": ru(document, "title"),
            "findings": lines(en(document, "findings")),
            "findings_ru": lines(ru(document, "findings")),
            "body": en(document, "body"),
            "body_ru": ru(document, "body"),
            "language": document.language,
        }
    )


# --- writing -------------------------------------------------------------------------------


class FlowList(list):
    """A short list written on one line, like `stages: [opening, voting]`."""


class LiteralText(str):
    """Plain text (summary, notes, body) always written as a |- block, as the seed does."""


class DocumentDumper(yaml.SafeDumper):
    """Block style with indented lists; dates written plain, as the contract shows them."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def represent_text(dumper, value):
    style = "|" if "\n" in value or isinstance(value, LiteralText) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def represent_flow_list(dumper, value):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


DocumentDumper.add_representer(str, represent_text)
DocumentDumper.add_representer(LiteralText, represent_text)
DocumentDumper.add_representer(FlowList, represent_flow_list)


def dump_yaml(document):
    """The document as YAML text: UTF-8 unescaped, plain text as |- blocks."""
    return yaml.dump(
        styled(document),
        Dumper=DocumentDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )


def styled(document):
    """A copy with the values that get a special style marked: plain text (mission and
    meeting summaries, visit notes, document bodies) as blocks, stages on one line."""
    document = copy.deepcopy(document)
    as_block(document.get("mission", {}), "summary", "summary_ru")
    for meeting in document.get("meetings", []):
        as_block(meeting, "summary", "summary_ru")
    for visit in document.get("visits", []):
        as_block(visit, "notes", "notes_ru")
        if "stages" in visit:
            visit["stages"] = FlowList(visit["stages"])
    for entry in document.get("documents", []):
        as_block(entry, "body", "body_ru")
    return document


def as_block(entry, *keys):
    for key in keys:
        if isinstance(entry.get(key), str):
            entry[key] = LiteralText(entry[key])


def dump_json(document):
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
