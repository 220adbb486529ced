"""How each kind of record reads from and writes to a mission document, one module per
entity, import and export side by side: `values()` maps a document entry to model fields,
`to_entry()` a record back to an entry, `sync()` writes a document's entries with the sync
engine. A new field is a change to its entity's module and to `schema.json`."""

from . import delegation, document, meeting, mission, organization, person, visit

# A document's top-level keys in the contract's order, with the entity each holds.
IN_DOCUMENT_ORDER = [mission, organization, person, delegation, meeting, visit, document]

__all__ = ["IN_DOCUMENT_ORDER"]
