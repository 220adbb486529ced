"""The rules a schema-valid mission document must follow that the schema cannot express:
dates, references, membership, what the database already holds."""

import datetime

from django.utils.translation import gettext as _

from missions.models import Election, Organization

from . import references
from .rules_mission2 import Mission2Rules, parse_date
from .schema import in_document_order, schema_problems


class DocumentChecker(Mission2Rules):
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
        self.check_languages()
        self.check_duplicate_definitions()
        self.check_mission_dates()
        self.check_references()
        self.check_organization_parents()
        self.check_election()
        self.check_delegations()
        self.check_coordinator()
        self.check_meetings()
        self.check_visits()
        self.check_partners()
        self.check_phases()
        self.check_rounds()
        self.check_recommendations()

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
        year = datetime.timedelta(days=366)
        for key in ("meetings", "visits"):
            for i, entry in enumerate(self.doc.get(key, [])):
                if "date" not in entry:
                    continue
                if entry.get("kind") == "milestone":
                    if not starts - year <= parse_date(entry["date"]) <= ends + year:
                        self.add(
                            [key, i, "date"],
                            _("%(date)s: a milestone lies up to a year either side of the mission")
                            % {"date": entry["date"]},
                        )
                    continue
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

    def check_references(self):
        for path, message in references.problems(self.doc):
            self.add(path, message)

    def check_organization_parents(self):
        for i, entry in enumerate(self.doc.get("organizations", [])):
            chain = [entry["slug"]]
            parent = entry.get("parent") or None
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
            return self.organizations[slug].get("parent") or None
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
        partners = {p["organization"] for p in self.mission.get("partners", [])}
        for i, delegation in enumerate(self.doc.get("delegations", [])):
            key = "country" if "country" in delegation else "organization"
            sender = (key, delegation[key], delegation.get("partner"))
            if "partner" in delegation and delegation["partner"] not in partners:
                self.add(
                    ["delegations", i, "partner"],
                    _("%(slug)s is not one of mission.partners") % {"slug": delegation["partner"]},
                )
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
    """Add every problem of one parsed document; the database is only read. A document with
    schema problems gets the reference problems its shape allows too, all in document order."""
    found = schema_problems(document)
    if not found:
        DocumentChecker(document, problems).run()
        return
    refused = {tuple(path) for path, _message in found}
    found += references.problems(document, skip=refused)
    for path, message in in_document_order(found, document):
        problems.add(path, message)


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
