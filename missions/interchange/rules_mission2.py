"""The rules that came with format mission/2 (the contract's "# Format `mission/2`"): either
language (changed rule 3), partners, phases, rounds and what names them, recommendations."""

import datetime

from django.utils.translation import gettext as _


def parse_date(text):
    return datetime.date.fromisoformat(text)


class Mission2Rules:
    """Checks of a schema-valid document for DocumentChecker, which gives `doc`, `mission`,
    `members` (the people of its delegations) and `add(path, message)`."""

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
