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
        self.check_languages()
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
        self.check_partners()
        self.check_phases()
        self.check_rounds()
        self.check_recommendations()

    def add(self, path, message):
        self.problems.add(path, message)

    # Either language (changed rule 3)

    def check_languages(self):
        """Each translatable text that was required needs its English or its `_ru`."""
        for path, entry, key in self.required_texts():
            if not (entry.get(key) or "").strip() and not (entry.get(f"{key}_ru") or "").strip():
                self.add(
                    path + [key],
                    _("give %(key)s or %(key)s_ru (at least one of the two)") % {"key": key},
                )

    def required_texts(self):
        yield ["mission"], self.mission, "title"
        yield ["mission", "election"], self.mission["election"], "name"
        for i, election in enumerate(self.mission.get("also_observed", [])):
            yield ["mission", "also_observed", i], election, "name"
        for i, entry in enumerate(self.doc.get("organizations", [])):
            yield ["organizations", i], entry, "name"
        for i, entry in enumerate(self.doc.get("meetings", [])):
            if entry.get("kind") == "milestone":
                yield ["meetings", i], entry, "summary"
        for i, entry in enumerate(self.doc.get("documents", [])):
            yield ["documents", i], entry, "title"
            for j, recommendation in enumerate(entry.get("recommendations", [])):
                yield ["documents", i, "recommendations", j], recommendation, "text"
        for election_path, election in self.elections():
            for j, question in enumerate(election.get("questions", [])):
                yield election_path + ["questions", j], question, "text"

    def elections(self):
        yield ["mission", "election"], self.mission["election"]
        for i, election in enumerate(self.mission.get("also_observed", [])):
            yield ["mission", "also_observed", i], election

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

    def check_partners(self):
        seen = set()
        for i, partner in enumerate(self.mission.get("partners", [])):
            path = ["mission", "partners", i]
            if partner["organization"] == self.mission["observer_body"]:
                self.add(path + ["organization"], _("the observer body itself is not a partner"))
            if partner["organization"] in seen:
                self.add(path + ["organization"], _("%(organization)s is listed twice") % partner)
            seen.add(partner["organization"])
            if "head" in partner and partner["head"] not in self.members:
                self.add(
                    path + ["head"],
                    _("%(slug)s must be a member of one of the delegations")
                    % {"slug": partner["head"]},
                )

    def check_phases(self):
        starts, ends = parse_date(self.mission["starts"]), parse_date(self.mission["ends"])
        for i, phase in enumerate(self.mission.get("phases", [])):
            path = ["mission", "phases", i]
            first, last = parse_date(phase["starts"]), parse_date(phase["ends"])
            if last < first:
                self.add(path + ["ends"], _("%(ends)s is before the start (%(starts)s)") % phase)
            elif not (starts <= first and last <= ends):
                self.add(
                    path + ["starts"],
                    _("the phase lies outside the mission (%(starts)s to %(ends)s)")
                    % {"starts": self.mission["starts"], "ends": self.mission["ends"]},
                )

    def check_rounds(self):
        for path, election in self.elections():
            rounds = election.get("rounds", [])
            for j, entry in enumerate(rounds):
                if entry["number"] != j + 1:
                    self.add(
                        path + ["rounds", j, "number"],
                        _("rounds are numbered from 1 without gaps: expected %(n)d") % {"n": j + 1},
                    )
                elif j == 0 and entry["voting_day"] != election["voting_day"]:
                    self.add(
                        path + ["rounds", 0, "voting_day"],
                        _("round 1 is held on the election's voting_day (%(day)s)")
                        % {"day": election["voting_day"]},
                    )
            numbers = {r["number"] for r in rounds} or {1}
            for j, result in enumerate(election.get("results", [])):
                if result.get("round", 1) not in numbers:
                    self.add(
                        path + ["results", j, "round"],
                        _("the election has no round %(number)d") % {"number": result["round"]},
                    )
        numbers = {r["number"] for r in self.mission["election"].get("rounds", [])} or {1}
        for path, value in self.round_references():
            for number in [value] if isinstance(value, int) else value:
                if number not in numbers:
                    self.add(path, _("the election has no round %(number)d") % {"number": number})

    def round_references(self):
        for i, delegation in enumerate(self.doc.get("delegations", [])):
            for j, member in enumerate(delegation.get("members", [])):
                if "round" in member:
                    yield ["delegations", i, "members", j, "round"], member["round"]
        for key in ("visits", "documents"):
            for i, entry in enumerate(self.doc.get(key, [])):
                if "round" in entry:
                    yield [key, i, "round"], entry["round"]

    def check_recommendations(self):
        seen = set()
        for i, document in enumerate(self.doc.get("documents", [])):
            for j, recommendation in enumerate(document.get("recommendations", [])):
                if recommendation["number"] in seen:
                    self.add(
                        ["documents", i, "recommendations", j, "number"],
                        _("recommendation %(number)d is numbered twice in this mission")
                        % recommendation,
                    )
                seen.add(recommendation["number"])

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
