"""Error answers under /api/ in JSON (the site's own 400 and 404 pages elsewhere)."""

from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/api/"


def is_api(request):
    return request.path.startswith(API_PREFIX)


def parameters_with_nul(request):
    return [
        key
        for key, values in request.GET.lists()
        if "\x00" in key or any("\x00" in v for v in values)
    ]


def bad_request(request, exception):
    if not is_api(request):
        return defaults.bad_request(request, exception)
    named = parameters_with_nul(request)
    if named:
        body = {name.replace("\x00", "\\0"): ["Contains a NUL character."] for name in named}
    else:
        body = {"detail": str(exception) or "Bad request."}
    return JsonResponse(body, status=400)


def page_not_found(request, exception):
    if not is_api(request):
        return defaults.page_not_found(request, exception)
    return JsonResponse({"detail": "Not found."}, status=404)
