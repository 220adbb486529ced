"""A stand-in public namespace for tests/test_caching.py: the cache must not depend on templates."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path

from missions.models import Mission


def mission_detail(request, slug):
    mission = get_object_or_404(Mission.objects.published(), slug=slug)
    meetings = ", ".join(str(m) for m in mission.meetings.all())
    return HttpResponse(f"{mission.title} | meetings: {meetings}")


def mission_preview(request, slug):
    return HttpResponse(get_object_or_404(Mission, slug=slug).title)


def with_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("seen", "1")
    return response


public = [
    path("missions/<slug:slug>/", mission_detail, name="mission_detail"),
    path("preview/<slug:slug>/", mission_preview, name="mission_preview"),
    path("cookie/", with_cookie, name="with_cookie"),
]
urlpatterns = [
    path("", include((public, "missions"))),
    path("other/<slug:slug>/", mission_detail),
]
