"""Public URLs of the reading site, in the `missions` namespace."""

from django.urls import path

from . import calendar
from .views import feeds, indexes, public, recommendations, search, statistics

app_name = "missions"

urlpatterns = [
    path("", public.HomeView.as_view(), name="home"),
    path("missions/", public.MissionListView.as_view(), name="mission_list"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("missions/upcoming.ics", calendar.upcoming_ics, name="upcoming_ics"),
    path("missions/<slug:slug>/", public.MissionDetailView.as_view(), name="mission_detail"),
    path("preview/<slug:slug>/", public.MissionPreviewView.as_view(), name="mission_preview"),
    path("elections/<slug:slug>/", public.ElectionDetailView.as_view(), name="election_detail"),
    path("countries/<str:code>/", public.CountryDetailView.as_view(), name="country_detail"),
    path("people/<slug:slug>/", public.PersonDetailView.as_view(), name="person_detail"),
    path(
        "organizations/<slug:slug>/",
        public.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path("elections/", indexes.ElectionListView.as_view(), name="election_list"),
    path("countries/", indexes.CountryListView.as_view(), name="country_list"),
    path("people/", indexes.PersonListView.as_view(), name="person_list"),
    path("organizations/", indexes.OrganizationListView.as_view(), name="organization_list"),
    path("regions/", indexes.RegionListView.as_view(), name="region_list"),
    path("regions/<int:pk>/", indexes.RegionDetailView.as_view(), name="region_detail"),
    path(
        "recommendations/",
        recommendations.RecommendationListView.as_view(),
        name="recommendation_list",
    ),
    path(
        "recommendations/<slug:slug>/<int:number>/",
        recommendations.RecommendationDetailView.as_view(),
        name="recommendation_detail",
    ),
    path("statistics/", statistics.StatisticsView.as_view(), name="statistics"),
    path(
        "statistics/<slug:key>.csv",
        statistics.StatisticsCSVView.as_view(),
        name="statistics_csv",
    ),
    path(
        "missions/<slug:slug>/figures/<slug:key>.csv",
        statistics.MissionChartCSVView.as_view(),
        name="mission_chart_csv",
    ),
    path("feeds/missions/", feeds.LatestMissionsFeed(), name="feed_missions"),
    path("feeds/documents/", feeds.LatestDocumentsFeed(), name="feed_documents"),
]
