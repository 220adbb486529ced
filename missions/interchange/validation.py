"""Checking a mission document: first against the JSON Schema, then against the rules
the schema cannot express (dates, references, membership, the database)."""

import datetime
import difflib
import json
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from missions.models import Country, Election, Organization, Person

from .loading import type_name

SCHEMA_PATH = Path(__file__).with_name("schema.json")

TYPE_NAMES = {
    "string": lambda: _("text"),
    "array": lambda: _("a list"),
    "object": lambda: _("a mapping"),
    "integer": lambda: _("a whole number"),
}

PATTERN_MESSAGES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": lambda v: (
        _("%(value)r is not a slug (lowercase letters, digits and single hyphens, e.g. kz-cec)")
        % {"value": v}
    ),
    "^[A-Z]{2}$": lambda v: (
        _("%(value)r is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. KZ)")
        % {"value": v}
    ),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": lambda v: (
        _("%(value)r is not an ISO date (YYYY-MM-DD, e.g. 2017-06-27)") % {"value": v}
    ),
    "^[a-z]{2}$": lambda v: (
        _("%(value)r is not an ISO 639-1 language code (two lowercase letters, e.g. en)")
        % {"value": v}
    ),
    "\\S": lambda v: _("must not be blank"),
    "^[^\\r\\n]*$": lambda v: _("a finding must be a single line"),
}


@cache
def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def schema_validator():
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


# --- the schema ----------------------------------------------------------------------------


def schema_problems(document, problems):
    """Add a problem for every schema violation; return True if there were any."""
    errors = list(schema_validator().iter_errors(document))
    patterned = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    found = []
    for error in errors:
        path = list(error.absolute_path)
        if error.validator == "format" and tuple(path) in patterned:
            continue  # the pattern message already says what is wrong
        found.extend(describe(error, path))
    for where, message in sorted(found, key=lambda item: path_order(item[0])):
        problems.add(where, message)
    return bool(found)


def path_order(path):
    """Sort key: document order, list positions by number."""
    return [(0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in path]


def describe(error, path):
    """Yield (path, message) pairs for one jsonschema error, in a staff member's words."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        for key in sorted(set(instance) - set(known), key=str):
            yield path + [str(key)], unknown_key_message(key, known)
    elif kind == "required":
        for key in value:
            if key not in instance:
                yield path + [key], _("is required")
    elif kind == "const":
        yield (
            path,
            _("must be %(expected)s, not %(value)r") % {"expected": value, "value": instance},
        )
    elif kind == "enum":
        yield (
            path,
            _("%(value)r is not one of: %(choices)s")
            % {"value": instance, "choices": ", ".join(map(str, value))},
        )
    elif kind == "type":
        yield (
            path,
            _("must be %(expected)s, not %(actual)s")
            % {"expected": TYPE_NAMES[value](), "actual": describe_value(instance)},
        )
    elif kind == "pattern":
        yield path, PATTERN_MESSAGES[value](instance)
    elif kind == "format":
        yield path, _("%(value)r is not a real date") % {"value": instance}
    elif kind == "minLength":
        yield path, _("must not be empty")
    elif kind == "maxLength":
        yield path, _("is too long (at most %(limit)d characters)") % {"limit": value}
    elif kind == "minimum":
        yield (
            path,
            _("must be %(limit)s or more, not %(value)r") % {"limit": value, "value": instance},
        )
    elif kind == "maximum":
        yield path, _("must be at most %(limit)s") % {"limit": value}
    elif kind == "uniqueItems":
        yield path, _("lists the same value twice")
    elif kind == "oneOf":
        keys = [key for option in value for key in option.get("required", [])]
        yield path, _("give exactly one of: %(keys)s") % {"keys": ", ".join(keys)}
    else:  # pragma: no cover - every keyword the schema uses is handled above
        yield path, error.message


def unknown_key_message(key, known):
    close = difflib.get_close_matches(str(key), known, n=1)
    if close:
        return _("unknown key (did you mean %(key)s?)") % {"key": close[0]}
    return _("unknown key; allowed here: %(keys)s") % {"keys": ", ".join(known)}


def describe_value(value):
    if isinstance(value, str):
        return repr(value)
    return type_name(value)


# --- the rules beyond the schema -----------------------------------------------------------


def parse_date(text):
    return datetime.date.fromisoformat(text)


class DocumentChecker:
    """The semantic checks for one schema-valid document."""

    def __init__(self, document, problems):
        self.doc = document
        self.problems = problems
        self.mission = document["mission"]
        self.organizations = {o["slug"]: o for o in document.get("organizations", [])}
        self.people = {p["slug"]: p for p in document.get("people", [])}
        self.members = {
            member["person"]
            for delegation in document.get("delegations", [])
            for member in delegation.get("members", [])
        }

    def run(self):
        self.check_duplicate_definitions()
        self.check_mission_dates()
        self.check_countries()
        self.check_references()
        self.check_organization_parents()
        self.check_election()
        self.check_delegations()
        self.check_coordinator()
        self.check_meetings()
        self.check_visits()

    def add(self, path, message):
        self.problems.add(path, message)

    # Definitions and dates

    def check_duplicate_definitions(self):
        for key in ("organizations", "people"):
            seen = set()
            for i, entry in enumerate(self.doc.get(key, [])):
                if entry["slug"] in seen:
                    self.add([key, i, "slug"], _("%(slug)s is defined twice") % entry)
                seen.add(entry["slug"])

    def check_mission_dates(self):
        starts, ends = parse_date(self.mission["starts"]), parse_date(self.mission["ends"])
        if ends < starts:
            self.add(
                ["mission", "ends"],
                _("%(ends)s is before the start (%(starts)s)")
                % {"ends": ends.isoformat(), "starts": starts.isoformat()},
            )
            return
        for key in ("meetings", "visits"):
            for i, entry in enumerate(self.doc.get(key, [])):
                if not starts <= parse_date(entry["date"]) <= ends:
                    self.add(
                        [key, i, "date"],
                        _("%(date)s is outside the mission (%(starts)s to %(ends)s)")
                        % {
                            "date": entry["date"],
                            "starts": starts.isoformat(),
                            "ends": ends.isoformat(),
                        },
                    )

    # References

    def country_references(self):
        yield ["mission", "election", "country"], self.mission["election"]["country"]
        for key in ("organizations", "people"):
            for i, entry in enumerate(self.doc.get(key, [])):
                if "country" in entry:
                    yield [key, i, "country"], entry["country"]
        for i, delegation in enumerate(self.doc.get("delegations", [])):
            if "country" in delegation:
                yield ["delegations", i, "country"], delegation["country"]

    def check_countries(self):
        references = list(self.country_references())
        codes = {code for _path, code in references}
        known = set(Country.objects.filter(code__in=codes).values_list("code", flat=True))
        for path, code in references:
            if code not in known:
                self.add(
                    path, _("%(code)s is not a known ISO 3166-1 country code") % {"code": code}
                )

    def organization_references(self):
        yield ["mission", "observer_body"], self.mission["observer_body"]
        if "body" in self.mission["election"]:
            yield ["mission", "election", "body"], self.mission["election"]["body"]
        for i, entry in enumerate(self.doc.get("organizations", [])):
            if "parent" in entry:
                yield ["organizations", i, "parent"], entry["parent"]
        for i, delegation in enumerate(self.doc.get("delegations", [])):
            if "organization" in delegation:
                yield ["delegations", i, "organization"], delegation["organization"]
        for i, meeting in enumerate(self.doc.get("meetings", [])):
            if "host" in meeting:
                yield ["meetings", i, "host"], meeting["host"]

    def person_references(self):
        if "coordinator" in self.mission:
            yield ["mission", "coordinator"], self.mission["coordinator"]
        for i, delegation in enumerate(self.doc.get("delegations", [])):
            for j, member in enumerate(delegation.get("members", [])):
                yield ["delegations", i, "members", j, "person"], member["person"]
        for i, meeting in enumerate(self.doc.get("meetings", [])):
            for j, counterpart in enumerate(meeting.get("counterparts", [])):
                yield ["meetings", i, "counterparts", j, "person"], counterpart["person"]
            if "led_by" in meeting:
                yield ["meetings", i, "led_by"], meeting["led_by"]
        for i, visit in enumerate(self.doc.get("visits", [])):
            for j, slug in enumerate(visit.get("observers", [])):
                yield ["visits", i, "observers", j], slug

    def check_references(self):
        self.check_slugs(
            list(self.organization_references()),
            self.organizations,
            Organization,
            _("no organization %(slug)s in organizations: or in the database"),
        )
        self.check_slugs(
            list(self.person_references()),
            self.people,
            Person,
            _("no person %(slug)s in people: or in the database"),
        )

    def check_slugs(self, references, defined, model, message):
        wanted = {slug for _path, slug in references} - set(defined)
        stored = set(model.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        for path, slug in references:
            if slug not in defined and slug not in stored:
                self.add(path, message % {"slug": slug})

    def check_organization_parents(self):
        for i, entry in enumerate(self.doc.get("organizations", [])):
            chain = [entry["slug"]]
            parent = entry.get("parent")
            while parent is not None and parent not in chain and len(chain) < 100:
                chain.append(parent)
                parent = self.parent_of(parent)
            if parent is not None and parent == entry["slug"]:
                self.add(
                    ["organizations", i, "parent"],
                    _("makes a loop: %(chain)s") % {"chain": " → ".join(chain + [parent])},
                )

    def parent_of(self, slug):
        if slug in self.organizations:
            return self.organizations[slug].get("parent")
        stored = Organization.objects.filter(slug=slug).values_list("parent__slug", flat=True)
        return next(iter(stored), None)

    def check_election(self):
        election = self.mission["election"]
        stored = Election.objects.filter(slug=election["slug"]).select_related("country").first()
        if stored and stored.country.code != election["country"]:
            self.add(
                ["mission", "election", "country"],
                _(
                    "the election %(slug)s is already recorded in %(stored)s; "
                    "an election cannot move to another country"
                )
                % {"slug": election["slug"], "stored": stored.country.code},
            )

    # Delegations, coordinator, meetings, visits

    def check_delegations(self):
        senders = set()
        for i, delegation in enumerate(self.doc.get("delegations", [])):
            key = "country" if "country" in delegation else "organization"
            sender = (key, delegation[key])
            if sender in senders:
                self.add(
                    ["delegations", i, key],
                    _("%(sender)s already sent a delegation above") % {"sender": sender[1]},
                )
            senders.add(sender)
            people = set()
            for j, member in enumerate(delegation.get("members", [])):
                if member["person"] in people:
                    self.add(
                        ["delegations", i, "members", j, "person"],
                        _("%(slug)s is listed twice in this delegation")
                        % {"slug": member["person"]},
                    )
                people.add(member["person"])

    def check_coordinator(self):
        coordinator = self.mission.get("coordinator")
        if coordinator and coordinator not in self.members:
            self.add(
                ["mission", "coordinator"],
                _("%(slug)s must be a member of one of the delegations") % {"slug": coordinator},
            )

    def check_meetings(self):
        for i, meeting in enumerate(self.doc.get("meetings", [])):
            people = set()
            for j, counterpart in enumerate(meeting.get("counterparts", [])):
                if counterpart["person"] in people:
                    self.add(
                        ["meetings", i, "counterparts", j, "person"],
                        _("%(slug)s is listed twice in this meeting")
                        % {"slug": counterpart["person"]},
                    )
                people.add(counterpart["person"])

    def check_visits(self):
        kinds = {}
        for i, visit in enumerate(self.doc.get("visits", [])):
            seen = set()
            for j, slug in enumerate(visit.get("observers", [])):
                if slug in seen:
                    self.add(
                        ["visits", i, "observers", j],
                        _("%(slug)s is listed twice") % {"slug": slug},
                    )
                elif slug not in self.members:
                    self.add(
                        ["visits", i, "observers", j],
                        _("%(slug)s must be a member of one of the delegations") % {"slug": slug},
                    )
                seen.add(slug)
            if "region_kind" in visit:
                earlier = kinds.setdefault(visit["region"], visit["region_kind"])
                if earlier != visit["region_kind"]:
                    self.add(
                        ["visits", i, "region_kind"],
                        _("%(region)s is a %(earlier)s in an earlier visit")
                        % {"region": visit["region"], "earlier": earlier},
                    )


def check_document(document, problems):
    """Add every problem of one parsed document; the database is only read."""
    if schema_problems(document, problems):
        return
    DocumentChecker(document, problems).run()


def check_across(documents):
    """Problems between documents of one run: yield (problems list, path, message)."""
    missions, elections = {}, {}
    for document, problems in documents:
        slug = document["mission"]["slug"]
        if slug in missions:
            yield (
                problems,
                ["mission", "slug"],
                _("the mission %(slug)s is also in %(other)s")
                % {
                    "slug": slug,
                    "other": missions[slug],
                },
            )
        missions.setdefault(slug, problems.source)
        election = document["mission"]["election"]
        first = elections.setdefault(election["slug"], (election["country"], problems.source))
        if first[0] != election["country"]:
            yield (
                problems,
                ["mission", "election", "country"],
                _("the election %(slug)s is in %(country)s in %(other)s")
                % {"slug": election["slug"], "country": first[0], "other": first[1]},
            )
