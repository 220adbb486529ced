"""The domain model, one module per concept; shared parts in `base`."""

from .activities import Document, Meeting, MeetingCounterpart, Visit, VisitStage
from .elections import Election
from .missions import Delegation, DelegationMember, Mission
from .people import Organization, Person
from .places import Country, Region

# The parts of a mission, parents first: the order to write them in, report them and follow
# them in history (each part's `parent_field` names what it belongs to).
MISSION_PARTS = [Delegation, DelegationMember, Meeting, MeetingCounterpart, Visit, Document]

# The records missions share, parents first.
SHARED_RECORDS = [Country, Organization, Person, Region, Election]

__all__ = [
    "MISSION_PARTS",
    "SHARED_RECORDS",
    "Country",
    "Delegation",
    "DelegationMember",
    "Document",
    "Election",
    "Meeting",
    "MeetingCounterpart",
    "Mission",
    "Organization",
    "Person",
    "Region",
    "Visit",
    "VisitStage",
]
