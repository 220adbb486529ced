"""What each API record holds. A translated field `x` is English, `x_ru` Russian."""

from .base import Bilingual, LinkField, record_links
from .documents import (
    AssessmentSerializer,
    DocumentInMissionSerializer,
    DocumentSerializer,
    FileSerializer,
    RecommendationRef,
    RecommendationSerializer,
)
from .missions import MissionDetailSerializer, MissionListSerializer
from .records import (
    CountryRef,
    CountrySerializer,
    ElectionRef,
    ElectionSerializer,
    OrganizationRef,
    OrganizationSerializer,
    PersonRef,
    PersonSerializer,
    RegionSerializer,
    RoundRef,
    RoundSerializer,
)

__all__ = [
    "AssessmentSerializer",
    "Bilingual",
    "CountryRef",
    "CountrySerializer",
    "DocumentInMissionSerializer",
    "DocumentSerializer",
    "ElectionRef",
    "ElectionSerializer",
    "FileSerializer",
    "LinkField",
    "MissionDetailSerializer",
    "MissionListSerializer",
    "OrganizationRef",
    "OrganizationSerializer",
    "PersonRef",
    "PersonSerializer",
    "RecommendationRef",
    "RecommendationSerializer",
    "RegionSerializer",
    "RoundRef",
    "RoundSerializer",
    "record_links",
]
