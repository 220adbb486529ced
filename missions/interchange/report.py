"""What an import run did, per document and in total."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from missions import models as m

# The order a report lists kinds in: the mission, its election, the other shared records,
# then the mission's parts.
KINDS = [m.Mission, m.Election, m.Country, m.Organization, m.Person, m.Region, *m.MISSION_PARTS]

CREATED, UPDATED, DELETED, UNCHANGED = "created", "updated", "deleted", "unchanged"
ACTIONS = [CREATED, UPDATED, DELETED, UNCHANGED]
ACTION_LABELS = {
    CREATED: lambda: _("created"),
    UPDATED: lambda: _("updated"),
    DELETED: lambda: _("deleted"),
    UNCHANGED: lambda: _("unchanged"),
}


# "3 meetings": a plural form per count, as languages such as Russian need.
COUNTED = {
    m.Mission: lambda n: ngettext("%(count)d mission", "%(count)d missions", n),
    m.Election: lambda n: ngettext("%(count)d election", "%(count)d elections", n),
    m.Country: lambda n: ngettext("%(count)d country", "%(count)d countries", n),
    m.Organization: lambda n: ngettext("%(count)d organization", "%(count)d organizations", n),
    m.Person: lambda n: ngettext("%(count)d person", "%(count)d people", n),
    m.Region: lambda n: ngettext("%(count)d region", "%(count)d regions", n),
    m.Delegation: lambda n: ngettext("%(count)d delegation", "%(count)d delegations", n),
    m.DelegationMember: lambda n: ngettext(
        "%(count)d delegation member", "%(count)d delegation members", n
    ),
    m.Meeting: lambda n: ngettext("%(count)d meeting", "%(count)d meetings", n),
    m.MeetingCounterpart: lambda n: ngettext("%(count)d counterpart", "%(count)d counterparts", n),
    m.Visit: lambda n: ngettext("%(count)d visit", "%(count)d visits", n),
    m.Document: lambda n: ngettext("%(count)d document", "%(count)d documents", n),
    m.MissionPartner: lambda n: ngettext("%(count)d partner", "%(count)d partners", n),
    m.MissionPhase: lambda n: ngettext("%(count)d phase", "%(count)d phases", n),
    m.MissionFigures: lambda n: ngettext(
        "%(count)d set of figures", "%(count)d sets of figures", n
    ),
    m.MissionSource: lambda n: ngettext("%(count)d source", "%(count)d sources", n),
    m.DocumentFile: lambda n: ngettext("%(count)d file", "%(count)d files", n),
    m.Recommendation: lambda n: ngettext(
        "%(count)d recommendation", "%(count)d recommendations", n
    ),
    m.Assessment: lambda n: ngettext("%(count)d assessment", "%(count)d assessments", n),
}


def counted(model, count):
    return COUNTED[model](count) % {"count": count}


@dataclass
class Tally:
    """Counts of records per (model, action); each record counted once per document."""

    counts: Counter = field(default_factory=Counter)
    seen: dict = field(default_factory=dict)

    def record(self, obj, action):
        key = (type(obj), obj.pk)
        earlier = self.seen.get(key)
        if earlier is not None:
            if ACTIONS.index(earlier) <= ACTIONS.index(action):
                return
            self.counts[(type(obj), earlier)] -= 1
        self.seen[key] = action
        self.counts[(type(obj), action)] += 1

    def add_deleted(self, model, count):
        self.counts[(model, DELETED)] += count

    def changed(self):
        return any(n for (_model, action), n in self.counts.items() if action != UNCHANGED)

    def get(self, model, action):
        return self.counts[(model, action)]

    def lines(self):
        for action in ACTIONS:
            parts = [counted(model, n) for model in KINDS if (n := self.counts[(model, action)])]
            if parts:
                yield f"{ACTION_LABELS[action]()}: {', '.join(parts)}"


@dataclass(frozen=True)
class SharedChange:
    """A shared record created (field None) or one field of it changed, old and new value."""

    record: str
    field: str | None
    old: object
    new: object

    def __str__(self):
        if self.field is None:
            return _("%(record)s: created") % {"record": self.record}
        return _('%(record)s: %(field)s: "%(old)s" → "%(new)s"') % {
            "record": self.record,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


@dataclass
class DocumentReport:
    source: str
    mission: str
    tally: Tally
    shared: list = field(default_factory=list)


@dataclass
class ImportReport:
    dry_run: bool = False
    documents: list = field(default_factory=list)

    def total(self):
        total = Tally()
        for document in self.documents:
            total.counts.update(document.tally.counts)
        return total

    def count(self, model, action):
        return self.total().get(model, action)

    def as_text(self):
        lines = []
        for document in self.documents:
            lines.append(f"{document.source} ({document.mission})")
            lines.extend(f"  {line}" for line in document.tally.lines())
            if document.shared:
                lines.append("  " + _("shared records created or changed:"))
                lines.extend(f"    {change}" for change in document.shared)
        if len(self.documents) > 1:
            n = len(self.documents)
            lines.append(
                ngettext("Total for %(n)d document:", "Total for %(n)d documents:", n) % {"n": n}
            )
            lines.extend(f"  {line}" for line in self.total().lines())
        if self.dry_run:
            lines.append(_("Dry run: nothing was written."))
        return "\n".join(lines)
