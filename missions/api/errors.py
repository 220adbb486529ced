"""Error answers of the open data (/api/, /downloads/) in JSON; the site's own pages elsewhere."""

from django.http import JsonResponse
from django.views import defaults

OPEN_DATA_PREFIXES = ("/api/", "/downloads/")


def is_api(request):
    return request.path.startswith(OPEN_DATA_PREFIXES)


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
