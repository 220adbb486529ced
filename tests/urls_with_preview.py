"""The admin plus a stand-in for the public site's preview route, for the preview-link test."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path


def preview(request, slug):
    return HttpResponse(slug)


public = (
    [
        path("preview/<slug:slug>/", preview, name="mission_preview"),
        path("missions/<slug:slug>/", preview, name="mission_detail"),
    ],
    "missions",
)

urlpatterns = [path("admin/", admin.site.urls), path("", include(public))]
