"""Mission documents as text: YAML in the contract's style, or JSON."""

import copy
import json

import yaml

from .entities import IN_DOCUMENT_ORDER


class FlowList(list):
    """A short list written on one line, like `stages: [opening, voting]`."""


class LiteralText(str):
    """Plain text (summary, notes, body) always written as a |- block, as the seed does."""


class DocumentDumper(yaml.SafeDumper):
    """Block style with indented lists; dates written plain, as the contract shows them."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def represent_text(dumper, value):
    style = "|" if "\n" in value or isinstance(value, LiteralText) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def represent_flow_list(dumper, value):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


DocumentDumper.add_representer(str, represent_text)
DocumentDumper.add_representer(LiteralText, represent_text)
DocumentDumper.add_representer(FlowList, represent_flow_list)


def dump_yaml(document):
    """The document as YAML text: UTF-8 unescaped, plain text as |- blocks."""
    return yaml.dump(
        styled(document),
        Dumper=DocumentDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )


def styled(document):
    """A copy with the values that get a special style marked: each entity's plain texts
    (its BLOCKS: summaries, notes, bodies) as blocks, its FLOW lists (stages) on one line."""
    document = copy.deepcopy(document)
    for entity in IN_DOCUMENT_ORDER:
        entries = document.get(entity.KEY, [])
        for entry in [entries] if isinstance(entries, dict) else entries:
            for key in getattr(entity, "BLOCKS", ()):
                if isinstance(entry.get(key), str):
                    entry[key] = LiteralText(entry[key])
            for key in getattr(entity, "FLOW", ()):
                if key in entry:
                    entry[key] = FlowList(entry[key])
    return document


def dump_json(document):
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
