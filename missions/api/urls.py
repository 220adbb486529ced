"""/api/v1/: the records, the OpenAPI description and its browsable docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("missions", views.MissionViewSet, basename="mission")
router.register("elections", views.ElectionViewSet, basename="election")
router.register("countries", views.CountryViewSet, basename="country")
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("regions", views.RegionViewSet, basename="region")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("popolo.json", views.PopoloView.as_view(), name="popolo"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:openapi"), name="docs"),
    path("", include(router.urls)),
]
