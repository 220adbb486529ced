"""Mission documents (format mission/2, reading mission/1), the interchange format: loading,
checks, import and export. The contract is docs/mission-document.md; the commands call these.

`loading` reads bytes into a dict within `limits`; `schema`, `rules` and `rules_mission2` check
it (`references` walks what it refers to); `importing` orchestrates a run on the sync engine
`sync`, with the shared records it reads once in `known`; `entities/` maps each kind of record
both ways; `exporting` and `writing` make a document again; `report` counts.
"""

from .exporting import mission_to_document
from .importing import check_may_import, import_sources
from .loading import Source, expand_paths, sources_from_paths
from .problems import DocumentError, Problem
from .report import ImportReport
from .writing import dump_json, dump_yaml

__all__ = [
    "DocumentError",
    "ImportReport",
    "Problem",
    "Source",
    "check_may_import",
    "dump_json",
    "dump_yaml",
    "expand_paths",
    "import_sources",
    "mission_to_document",
    "sources_from_paths",
]
