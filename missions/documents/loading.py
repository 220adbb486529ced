"""Turning a file's bytes into a mission document (a dict), YAML or JSON by extension."""

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from .problems import ProblemList

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES


@dataclass(frozen=True)
class Source:
    """A document to import: a name (usually its path) and its text or bytes."""

    name: str
    content: str | bytes


class ParseError(Exception):
    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


class DocumentLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings, reads only true/false as booleans
    (so Norway's code NO stays a string) and refuses duplicate keys."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
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


DocumentLoader.add_constructor("tag:yaml.org,2002:bool", DocumentLoader.construct_yaml_bool)


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
        return yaml.load(text, Loader=DocumentLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part)
        if "\t" in text and "'\\t'" in message:
            message += " " + _("(tabs cannot indent YAML; use spaces)")
        return_line = mark.line + 1 if mark else None
        raise ParseError(_("not valid YAML: %(error)s") % {"error": message}, return_line) from None
    except yaml.YAMLError as error:
        raise ParseError(_("not valid YAML: %(error)s") % {"error": error}) from None


def refuse_duplicates(pairs):
    keys = [key for key, _value in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise ValueError(_("duplicate key %(key)r") % {"key": key})
    return dict(pairs)


def parse_json(text):
    try:
        return json.loads(text, object_pairs_hook=refuse_duplicates)
    except json.JSONDecodeError as error:
        raise ParseError(
            _("not valid JSON: %(error)s") % {"error": error.msg}, error.lineno
        ) from None
    except ValueError as error:
        raise ParseError(_("not valid JSON: %(error)s") % {"error": error}) from None


def load_source(source):
    """Return (document or None, ProblemList) for one source."""
    problems = ProblemList(source.name)
    suffix = Path(source.name).suffix.lower()
    if suffix not in SUFFIXES:
        problems.add("", _("unknown file type; mission documents end in .yaml, .yml or .json"))
        return None, problems
    try:
        text = decode(source.content)
        document = parse_json(text) if suffix in JSON_SUFFIXES else parse_yaml(text)
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
    return [Source(str(path), path.read_bytes()) for path in expand_paths(paths)]
