"""The domain model, one module per concept."""

from .activities import Document, Meeting, MeetingCounterpart, Visit, VisitStage
from .elections import Election
from .joint import MissionFigures, MissionPartner, MissionPhase, MissionSource
from .memberships import OrganizationMembership
from .missions import Delegation, DelegationMember, Mission
from .people import Organization, Person
from .places import Country, Region
from .publications import Assessment, DocumentFile, Recommendation
from .results import ElectionResult, ElectionRound, ReferendumQuestion, ResultOutcome

__all__ = [
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
    "Visit",
    "VisitStage",
]
