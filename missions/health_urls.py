"""The health check routes, kept apart from the public site's URLs."""

from django.urls import path

from missions.views.health import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
