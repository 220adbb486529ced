"""Reading a gettext .po catalogue: enough to list its entries and find the untranslated."""

import ast
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str = ""
    msgstrs: list = field(default_factory=list)
    fuzzy: bool = False

    @property
    def untranslated(self):
        return self.fuzzy or not self.msgstrs or not all(self.msgstrs)


def catalogue_path(language="ru"):
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def read_po(path):
    """Every entry of the catalogue but its header, obsolete (#~) entries left out."""
    entries, entry, key = [], Entry(), None
    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry.msgid or entry.msgstrs:
                entries.append(entry)
            entry, key = Entry(), None
        elif line.startswith("#,"):
            entry.fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            append(entry, key, ast.literal_eval(line))
        else:
            key, _, value = line.partition(" ")
            if key.startswith("msgstr"):
                entry.msgstrs.append("")
            append(entry, key, ast.literal_eval(value))
    return [e for e in entries if e.msgid]


def append(entry, key, text):
    if key.startswith("msgstr"):
        entry.msgstrs[-1] += text
    else:
        setattr(entry, key, getattr(entry, key) + text)
