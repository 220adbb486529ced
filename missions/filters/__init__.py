"""The public pages' filters: missions, the indexes of records, recommendations and statistics."""

from .missions import MissionFilter
from .recommendations import RecommendationFilter, StatisticsFilter
from .records import OrganizationFilter, PersonFilter, RegionFilter

__all__ = [
    "MissionFilter",
    "OrganizationFilter",
    "PersonFilter",
    "RecommendationFilter",
    "RegionFilter",
    "StatisticsFilter",
]
