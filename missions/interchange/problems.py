"""Problems found in a mission document, reported as `FILE: path.to[3].field: message`."""

from dataclasses import dataclass


def format_path(parts):
    """Render ("visits", 2, "date") as visits[2].date."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class Problem:
    source: str
    where: str
    message: str

    def __str__(self):
        if self.where:
            return f"{self.source}: {self.where}: {self.message}"
        return f"{self.source}: {self.message}"


class ParseError(Exception):
    """A document cannot be read (not UTF-8, not YAML or JSON, over a limit); `line` if known."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


class DocumentError(Exception):
    """One or more mission documents are invalid; carries every problem found."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ProblemList:
    """Collects the problems of one source."""

    def __init__(self, source):
        self.source = source
        self.items = []

    def add(self, parts, message):
        where = parts if isinstance(parts, str) else format_path(parts)
        self.items.append(Problem(self.source, where, message))

    def __bool__(self):
        return bool(self.items)
