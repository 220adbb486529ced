"""Checking a mission document against its JSON Schema, with messages in a staff member's
words: what is wrong and where (`schema.json` is the schema)."""

import difflib
import json
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from .loading import type_name

SCHEMA_PATH = Path(__file__).with_name("schema.json")

TYPE_NAMES = {
    "string": lambda: _("text"),
    "array": lambda: _("a list"),
    "object": lambda: _("a mapping"),
    "integer": lambda: _("a whole number"),
    "number": lambda: _("a number"),
    "boolean": lambda: _("true or false"),
}

PATTERN_MESSAGES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": lambda v: (
        _("%(value)r is not a slug (lowercase letters, digits and single hyphens, e.g. kz-cec)")
        % {"value": v}
    ),
    "^[A-Z]{2}$": lambda v: (
        _("%(value)r is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. KZ)")
        % {"value": v}
    ),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": lambda v: (
        _("%(value)r is not an ISO date (YYYY-MM-DD, e.g. 2017-06-27)") % {"value": v}
    ),
    "^[a-z]{2}$": lambda v: (
        _("%(value)r is not an ISO 639-1 language code (two lowercase letters, e.g. en)")
        % {"value": v}
    ),
    "\\S": lambda v: _("must not be blank"),
    "^[^\\r\\n]*$": lambda v: _("a finding must be a single line"),
    "^https?://\\S+$": lambda v: (
        _("%(value)r is not a web address (starting with http:// or https://)") % {"value": v}
    ),
    "^[^/\\\\][^\\\\]*$": lambda v: (
        _("%(value)r is not a path relative to the document (no leading / and no \\)")
        % {"value": v}
    ),
}

# Near spellings only: "observers_count" is not a misspelling of "observer_body".
NEAR_SPELLING = 0.8


@cache
def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def schema_validator():
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_problems(document):
    """Every schema violation as (path, message), each once, in document order."""
    errors = list(schema_validator().iter_errors(document))
    patterned = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    found = []
    for error in errors:
        path = list(error.absolute_path)
        if error.validator == "format" and tuple(path) in patterned:
            continue  # the pattern message already says what is wrong
        found.extend(describe(error, path))
    # jsonschema reports each missing key of a mapping as its own error naming every one
    # missing: each (place, message) once.
    unique = {(tuple(where), message): where for where, message in found}
    return in_document_order(
        [(where, message) for (_key, message), where in unique.items()], document
    )


def in_document_order(found, document):
    """(path, message) pairs sorted by where their places are in the document."""
    return sorted(found, key=lambda item: path_order(item[0], document))


def path_order(path, document=None):
    """Sort key: document order (list positions by number, keys as written; a missing key
    after those written beside it)."""
    order, node = [], document
    for part in path:
        if isinstance(part, int):
            order.append((0, part, ""))
            node = node[part] if isinstance(node, list) and part < len(node) else None
        elif isinstance(node, dict) and part in node:
            order.append((1, list(node).index(part), str(part)))
            node = node[part]
        else:
            order.append((2, 0, str(part)))
            node = None
    return order


def describe(error, path):
    """Yield (path, message) pairs for one jsonschema error, in a staff member's words."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        for key in sorted(set(instance) - set(known), key=str):
            yield path + [str(key)], unknown_key_message(key, known)
    elif kind == "required":
        for key in value:
            if key not in instance:
                yield path + [key], _("is required")
    elif kind == "const":
        yield (
            path,
            _("must be %(expected)s, not %(value)r") % {"expected": value, "value": instance},
        )
    elif kind == "enum":
        yield (
            path,
            _("%(value)r is not one of: %(choices)s")
            % {"value": instance, "choices": ", ".join(map(str, value))},
        )
    elif kind == "type":
        yield (
            path,
            _("must be %(expected)s, not %(actual)s")
            % {"expected": TYPE_NAMES[value](), "actual": describe_value(instance)},
        )
    elif kind == "pattern":
        yield path, PATTERN_MESSAGES[value](instance)
    elif kind == "format":
        yield path, _("%(value)r is not a real date") % {"value": instance}
    elif kind == "minLength":
        yield path, _("must not be empty")
    elif kind == "maxLength":
        yield path, _("is too long (at most %(limit)d characters)") % {"limit": value}
    elif kind == "minimum":
        yield (
            path,
            _("must be %(limit)s or more, not %(value)r") % {"limit": value, "value": instance},
        )
    elif kind == "maximum":
        yield path, _("must be at most %(limit)s") % {"limit": value}
    elif kind == "uniqueItems":
        yield path, _("lists the same value twice")
    elif kind == "oneOf" and any("required" in option for option in value):
        keys = [key for option in value for key in option.get("required", [])]
        yield path, _("give exactly one of: %(keys)s") % {"keys": ", ".join(keys)}
    elif kind == "oneOf":
        yield path, _("must be a round number or a list of round numbers")
    elif kind == "anyOf":  # a slug, or "" to empty the field: the slug's message
        yield from describe(error.context[0], path)
    elif kind == "maxItems":
        yield path, _("lists too many (at most %(limit)d)") % {"limit": value}
    elif kind == "minItems":
        yield path, _("must not be empty")
    else:  # pragma: no cover - every keyword the schema uses is handled above
        yield path, error.message


def unknown_key_message(key, known):
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=NEAR_SPELLING)
    if close:
        return _("unknown key (did you mean %(key)s?)") % {"key": close[0]}
    return _("unknown key; allowed here: %(keys)s") % {"keys": ", ".join(known)}


def describe_value(value):
    if isinstance(value, str):
        return repr(value)
    return type_name(value)
