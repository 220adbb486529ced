"""The health check route, kept apart from the public site's URLs."""

from django.urls import path

from missions.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
]
