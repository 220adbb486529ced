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
    """drf-spectacular postprocessing hook: each operation documents the error answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, {"description": description, "content": reference})
            responses["429"]["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
            }
    return result
