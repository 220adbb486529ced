"""The rules a schema-valid mission document must follow that the schema cannot express:
dates, references, membership, what the database already holds."""

import datetime

from django.utils.translation import gettext as _

from missions.models import Country, Election, Organization, Person

from . import references
from .schema import schema_problems


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

    def check_countries(self):
        found = list(references.countries(self.doc))
        codes = references.slugs(found)
        known = set(Country.objects.filter(code__in=codes).values_list("code", flat=True))
        for path, code in found:
            if code not in known:
                self.add(
                    path, _("%(code)s is not a known ISO 3166-1 country code") % {"code": code}
                )

    def check_references(self):
        self.check_slugs(
            list(references.organizations(self.doc)),
            self.organizations,
            Organization,
            _("no organization %(slug)s in organizations: or in the database"),
        )
        self.check_slugs(
            list(references.people(self.doc)),
            self.people,
            Person,
            _("no person %(slug)s in people: or in the database"),
        )

    def check_slugs(self, found, defined, model, message):
        wanted = references.slugs(found) - set(defined)
        stored = set(model.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        for path, slug in found:
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
            self.check_people_once(
                delegation.get("members", []),
                ["delegations", i, "members"],
                _("%(slug)s is listed twice in this delegation"),
            )

    def check_people_once(self, entries, path, message):
        """Each entry names its `person`; none may be named twice."""
        people = set()
        for j, entry in enumerate(entries):
            if entry["person"] in people:
                self.add(path + [j, "person"], message % {"slug": entry["person"]})
            people.add(entry["person"])

    def check_coordinator(self):
        coordinator = self.mission.get("coordinator")
        if coordinator and coordinator not in self.members:
            self.add(
                ["mission", "coordinator"],
                _("%(slug)s must be a member of one of the delegations") % {"slug": coordinator},
            )

    def check_meetings(self):
        for i, meeting in enumerate(self.doc.get("meetings", [])):
            self.check_people_once(
                meeting.get("counterparts", []),
                ["meetings", i, "counterparts"],
                _("%(slug)s is listed twice in this meeting"),
            )

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
