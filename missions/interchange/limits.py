"""Limits on hostile input: a document is read whole into memory and walked by the checks, so
its size, its nesting, the keys of a mapping, the digits of a number and what its YAML aliases
expand to are bounded before anything else looks at it (SECURITY.md lists them)."""

from functools import cache

import yaml
from django.utils.translation import gettext as _

from .problems import ParseError, format_path

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_EXPANSION = 10  # nodes after expanding aliases, per node written in the text
EXPANSION_ALLOWANCE = 10_000
MAX_KEYS = 100  # keys in one mapping; the schema's largest mapping has 12


def refuse_oversized(content):
    size = len(content.encode("utf-8")) if isinstance(content, str) else len(content)
    if size > MAX_DOCUMENT_BYTES:
        raise ParseError(
            _("the document is %(size)d bytes; mission documents are at most %(limit)d bytes")
            % {"size": size, "limit": MAX_DOCUMENT_BYTES}
        )


def refuse_deep(document):
    """Raise ParseError if parsed JSON nests deeper than MAX_DEPTH (YAML is checked as parsed)."""
    level = [document] if isinstance(document, dict | list) else []
    for _depth in range(MAX_DEPTH):
        level = [
            child
            for node in level
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, dict | list)
        ]
        if not level:
            return
    raise ParseError(too_deep())


def refuse_bad_values(document):
    """Raise ParseError for a NUL character in any text (PostgreSQL cannot store one) or a
    number too long for the schema, naming where it is."""
    pending = [((), document)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, OversizedNumber):
            raise ParseError(too_long_number(path, node))
        if isinstance(node, str) and "\x00" in node:
            where = format_path(path) or _("a key")
            raise ParseError(
                _("%(where)s: text contains a NUL character (\\u0000)") % {"where": where}
            )
        if isinstance(node, dict):
            pending.extend(((*path, key), key) for key in node)
            pending.extend(((*path, key), value) for key, value in node.items())
        elif isinstance(node, list):
            pending.extend(((*path, index), value) for index, value in enumerate(node))


def too_deep():
    return _("the document is nested more than %(limit)d levels deep") % {"limit": MAX_DEPTH}


def too_many_keys(count):
    return _(
        "a mapping with %(count)d keys; a mapping in a mission document has at most %(limit)d"
    ) % {"count": count, "limit": MAX_KEYS}


# Numbers: Python converts a long decimal in quadratic time and refuses one of over 4,300
# digits, so a number longer than the schema's largest is kept as its text and refused with
# its place once parsed.


class OversizedNumber(str):
    """The text of a number literal with more digits than any number the schema allows."""


@cache
def max_number_digits():
    """Digits of the largest number the schema allows anywhere (every number has bounds)."""
    from .schema import schema

    bounds, pending = [], [schema()]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            bounds.extend(abs(node[key]) for key in ("minimum", "maximum") if key in node)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return len(str(max(bounds)))


def oversized(literal):
    """True for a number literal (YAML or JSON) with more digits than the schema allows."""
    return len(literal.lstrip("+-").replace("_", "")) > max_number_digits()


def parse_int(literal):
    return OversizedNumber(literal) if oversized(literal) else int(literal)


def too_long_number(path, literal):
    digits = len(literal.lstrip("+-").replace("_", ""))
    return _(
        "%(where)s: a number of %(digits)d digits; numbers in a mission document have at most "
        "%(limit)d digits"
    ) % {"where": format_path(path) or _("a key"), "digits": digits, "limit": max_number_digits()}


def refuse_alias_bombs(text, loader):
    """Raise ParseError if the YAML nests too deep or its aliases expand out of proportion.

    Walks the parser's events, which never expand aliases, counting the nodes each anchor
    stands for; an alias adds that count again.
    """
    sizes, open_nodes, written, expanded = {}, [], 0, 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for anchor, _size in open_nodes):
                raise ParseError(
                    _("a YAML alias refers to a node that contains it"), event.start_mark.line + 1
                )
            grows = sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            written += 1
            grows = 1
        else:
            grows = 0
        expanded += grows
        for node in open_nodes:
            node[1] += grows
        if isinstance(event, yaml.ScalarEvent) and event.anchor:
            sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, 1])
            if len(open_nodes) > MAX_DEPTH:
                raise ParseError(too_deep(), event.start_mark.line + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, size = open_nodes.pop()
            if anchor:
                sizes[anchor] = size
        if expanded > MAX_EXPANSION * written + EXPANSION_ALLOWANCE:
            raise ParseError(
                _("YAML aliases here expand to far more than the document holds; write it out"),
                event.start_mark.line + 1,
            )
