"""Request checks that hold for every page, before any view runs."""

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _


class RejectNulMiddleware:
    """Answer 400 to a request whose path or query string holds a NUL character.

    No page needs one, and PostgreSQL refuses NUL in text, so a view that looked such a value
    up would end in a server error instead of a 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or has_nul(request.GET):
            raise BadRequest(_("The address contains a NUL character."))
        return self.get_response(request)


def has_nul(query):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())
