"""Page-number pagination with `next`/`previous` links; a bad page or size is a 400."""

from django.conf import settings
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

MAX_PAGE_SIZE = 200


def positive_number(request, parameter, default, largest=None):
    """The parameter as a whole number from 1 (to `largest`), or a 400 that names it."""
    raw = request.query_params.get(parameter)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= (largest or 10**9):
        limit = f" up to {largest}" if largest else ""
        raise ValidationError({parameter: [f"A whole number from 1{limit}."]})
    return int(raw)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return positive_number(request, "page_size", self.page_size, MAX_PAGE_SIZE)

    def get_page_number(self, request, paginator):
        number = positive_number(request, "page", 1)
        if number > max(paginator.num_pages, 1):  # past the end: no such page
            raise NotFound({"page": [f"There are {paginator.num_pages} pages."]})
        return number

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == "page_size":
                parameter["schema"]["maximum"] = MAX_PAGE_SIZE
        return parameters

    def get_paginated_response(self, data):
        return Response(
            {
                "license": settings.DATA_LICENSE,
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"] = {
            "license": {"type": "string"},
            **response["properties"],
        }
        response["required"] = ["license", "count", "next", "previous", "results"]
        return response
