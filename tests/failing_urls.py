"""The site's URLs plus two that fail on purpose, for the tests of error logging."""

from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from observers_site.urls import handler500, urlpatterns  # noqa: F401 - the site's 500 view


def boom(request):
    raise RuntimeError("the view failed on purpose")


def failing_callback():
    raise RuntimeError("the on-commit callback failed on purpose")


def commit_fails(request):
    """Answers 200 while an on-commit callback fails: the error is swallowed, and logged."""
    with transaction.atomic():
        transaction.on_commit(failing_callback, robust=True)
    return HttpResponse("saved")


urlpatterns = [path("boom/", boom), path("commit-fails/", commit_fails), *urlpatterns]
