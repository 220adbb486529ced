"""Turning a file's bytes into a mission document (a dict), YAML or JSON by extension, within
the limits of `limits.py`."""

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from .limits import (
    MAX_DOCUMENT_BYTES,  # noqa: F401 - the upload form's limit, read from here
    MAX_KEYS,
    OversizedNumber,
    oversized,
    parse_int,
    refuse_alias_bombs,
    refuse_bad_values,
    refuse_deep,
    refuse_oversized,
    too_deep,
    too_many_keys,
)
from .problems import ParseError, ProblemList

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES


@dataclass(frozen=True)
class Source:
    """A document to import: a name (usually its path) and its text or bytes."""

    name: str
    content: str | bytes
    # The folder a document's files are read from (`documents[].files[].path`); None for an
    # upload, whose document cannot name files.
    folder: Path | None = None


class DocumentRules:
    """A YAML loader that keeps dates as strings, reads only true/false as booleans
    (so Norway's code NO stays a string) and refuses duplicate keys."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        if len(node.value) > MAX_KEYS:
            raise ParseError(too_many_keys(len(node.value)), node.start_mark.line + 1)
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, list | dict):
                continue  # the parent class reports unhashable keys
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    _("duplicate key %(key)r") % {"key": key},
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_bool(self, node):
        value = self.construct_scalar(node)
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value

    def construct_yaml_int(self, node):
        if oversized(node.value):
            return OversizedNumber(node.value)
        return super().construct_yaml_int(node)


class DocumentLoader(DocumentRules, yaml.SafeLoader):
    """The rules on PyYAML's own parser, whose error messages the user sees."""


# libyaml's parser is several times faster; a document it refuses is parsed again with
# DocumentLoader for the message.
class FastDocumentLoader(DocumentRules, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The rules on libyaml's parser when PyYAML was built with it."""


for loader in (DocumentLoader, FastDocumentLoader):
    loader.add_constructor("tag:yaml.org,2002:bool", DocumentRules.construct_yaml_bool)
    loader.add_constructor("tag:yaml.org,2002:int", DocumentRules.construct_yaml_int)


def decode(content):
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ParseError(
            _("not UTF-8 text (byte 0x%(byte)02x cannot be read); save the file as UTF-8")
            % {"byte": content[error.start]},
            line,
        ) from None


def parse_yaml(text):
    try:
        return parse_with(text, FastDocumentLoader)
    except (RecursionError, yaml.YAMLError):
        # PyYAML's own parser words the message; a ParseError from the rules needs no second
        # (slower) parse, its line is already known.
        return parse_with_messages(text)


def parse_with(text, loader):
    refuse_alias_bombs(text, loader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass


def parse_with_messages(text):
    try:
        return parse_with(text, DocumentLoader)
    except RecursionError:
        raise ParseError(too_deep()) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part)
        if "\t" in text and "'\\t'" in message:
            message += " " + _("(tabs cannot indent YAML; use spaces)")
        if "mapping values are not allowed here" in message:
            message += " " + _(
                "(a value with a colon followed by a space in it must be put in quotes, "
                'e.g. title: "Elections: the first round")'
            )
        return_line = mark.line + 1 if mark else None
        raise ParseError(_("not valid YAML: %(error)s") % {"error": message}, return_line) from None
    except yaml.YAMLError as error:
        raise ParseError(_("not valid YAML: %(error)s") % {"error": error}) from None


def refuse_duplicates(pairs):
    """The object_pairs_hook for JSON: at most MAX_KEYS keys, each once (linear time)."""
    if len(pairs) > MAX_KEYS:
        raise ParseError(too_many_keys(len(pairs)))
    document = dict(pairs)
    if len(document) < len(pairs):
        seen = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(_("duplicate key %(key)r") % {"key": key})
            seen.add(key)
    return document


def parse_json(text):
    try:
        document = json.loads(text, object_pairs_hook=refuse_duplicates, parse_int=parse_int)
    except RecursionError:
        raise ParseError(too_deep()) from None
    except json.JSONDecodeError as error:
        raise ParseError(
            _("not valid JSON: %(error)s") % {"error": error.msg}, error.lineno
        ) from None
    except ValueError as error:
        raise ParseError(_("not valid JSON: %(error)s") % {"error": error}) from None
    refuse_deep(document)
    return document


def load_source(source):
    """Return (document or None, ProblemList) for one source."""
    problems = ProblemList(source.name)
    suffix = Path(source.name).suffix.lower()
    if suffix not in SUFFIXES:
        problems.add("", _("unknown file type; mission documents end in .yaml, .yml or .json"))
        return None, problems
    try:
        refuse_oversized(source.content)
        text = decode(source.content)
        document = parse_json(text) if suffix in JSON_SUFFIXES else parse_yaml(text)
        refuse_bad_values(document)
    except ParseError as error:
        where = _("line %(line)d") % {"line": error.line} if error.line else ""
        problems.add(where, error.message)
        return None, problems
    if document is None:
        problems.add("", _("the document is empty"))
    elif not isinstance(document, dict):
        problems.add(
            "",
            _("the top level must be a mapping with format: and mission:, not %(kind)s")
            % {"kind": type_name(document)},
        )
    return (document if not problems else None), problems


def type_name(value):
    names = {
        list: _("a list"),
        str: _("text"),
        int: _("a number"),
        float: _("a number"),
        bool: _("a true/false value"),
        dict: _("a mapping"),
        type(None): _("an empty value"),
    }
    return names.get(type(value), type(value).__name__)


def expand_paths(paths):
    """Files as given, folders expanded to the mission documents inside them (sorted).

    Raise FileNotFoundError for a path that does not exist.
    """
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(raw)
    return files


def sources_from_paths(paths):
    return [Source(str(path), path.read_bytes(), path.parent) for path in expand_paths(paths)]
