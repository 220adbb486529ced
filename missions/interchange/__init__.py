"""Mission documents (format mission/1), the interchange format: schema, loading, checks, import and export.

The contract is docs/mission-document.md; the management commands only call these.
"""

from .exporting import dump_json, dump_yaml, mission_to_document
from .importing import check_may_import, import_sources
from .loading import Source, expand_paths, sources_from_paths
from .problems import DocumentError, Problem
from .report import ImportReport

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
