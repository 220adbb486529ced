"""Additions to the generated OpenAPI description: the error answers every operation gives."""

ERROR_SCHEMA = {
    "type": "object",
    "description": "What is wrong: `detail`, or each bad parameter with its messages.",
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
    },
}
ERRORS = {
    "400": "A query parameter is invalid; the body names it.",
    "404": "No public record has this identifier.",
    "406": "The API answers in JSON only.",
    "429": "Too many requests from this client; retry after `Retry-After` seconds.",
}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: each operation documents the error answers, and
    its query parameters may be empty."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":  # as in the HTML forms: empty means not set
                    parameter["allowEmptyValue"] = True
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, {"description": description, "content": reference})
            responses["429"]["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
            }
    return result


def describe_filter_types():
    """Name the types of the mission list's filters drf-spectacular cannot guess (their
    choices come from the database): codes and slugs are strings, a year and a region ids."""
    from drf_spectacular.drainage import set_override
    from drf_spectacular.types import OpenApiTypes

    from ..filters import MissionFilter

    types = {"year": OpenApiTypes.INT, "region": OpenApiTypes.INT}
    for name in ("sender", "person", "organization"):
        types[name] = OpenApiTypes.STR
    for name, kind in types.items():
        set_override(MissionFilter.base_filters[name], "field", kind)
