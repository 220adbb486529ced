"""The domain model, one module per concept; shared parts in `base`."""

from missions.search.models import SearchEntry  # noqa: E402  (the search index's rows)

from . import stored_files  # noqa: F401 - connects the receivers that delete unused files
from .activities import Document, Meeting, MeetingCounterpart
from .elections import Election
from .joint import MissionFigures, MissionPartner, MissionPhase, MissionSource
from .memberships import OrganizationMembership
from .missions import Delegation, DelegationMember, Mission
from .people import Organization, Person
from .places import Country, Region
from .publications import Assessment, DocumentFile, Recommendation
from .results import ElectionResult, ElectionRound, ReferendumQuestion, ResultOutcome
from .visits import Visit, VisitStage

# The parts of a mission, parents first: the order to write them in, report them and follow
# them in history (each part's `parent_field` names what it belongs to).
MISSION_PARTS = [
    MissionPartner,
    MissionPhase,
    MissionFigures,
    MissionSource,
    Delegation,
    DelegationMember,
    Meeting,
    MeetingCounterpart,
    Visit,
    Document,
    DocumentFile,
    Recommendation,
    Assessment,
]

# The records missions share, parents first.
SHARED_RECORDS = [Country, Organization, Person, Region, Election]

__all__ = [
    "MISSION_PARTS",
    "SHARED_RECORDS",
    "Assessment",
    "Country",
    "Delegation",
    "DelegationMember",
    "Document",
    "DocumentFile",
    "Election",
    "ElectionResult",
    "ElectionRound",
    "Meeting",
    "MeetingCounterpart",
    "Mission",
    "MissionFigures",
    "MissionPartner",
    "MissionPhase",
    "MissionSource",
    "Organization",
    "OrganizationMembership",
    "Person",
    "Recommendation",
    "ReferendumQuestion",
    "Region",
    "ResultOutcome",
    "SearchEntry",
    "Visit",
    "VisitStage",
]
