"""How each kind of record reads from and writes to a mission document, one module per
entity, import and export side by side: `values()` maps a document entry to model fields,
`to_entry()` a record back to an entry. Lists synced by position (meetings, visits,
documents) declare MODEL, KEY and INNER and the importer's sync_part() writes them; the others
have a `sync()` of their own. A new field is a change to its entity's module and to
`schema.json`."""

from . import delegation, document, meeting, mission, organization, person, visit

# A document's top-level keys in the contract's order, with the entity each holds.
IN_DOCUMENT_ORDER = [mission, organization, person, delegation, meeting, visit, document]

__all__ = ["IN_DOCUMENT_ORDER"]
