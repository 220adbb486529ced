"""The domain model, one module per concept."""

from missions.search.models import SearchEntry  # noqa: E402  (the search index's rows)

from .activities import Document, Meeting, MeetingCounterpart, Visit, VisitStage
from .elections import Election
from .missions import Delegation, DelegationMember, Mission
from .people import Organization, Person
from .places import Country, Region

__all__ = [
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
    "SearchEntry",
    "Visit",
    "VisitStage",
]
