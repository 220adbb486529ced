"""Full-text search over everything public, on PostgreSQL and SQLite behind one interface.

- `texts`: what each kind of record is found by (one line per field).
- `index`: keeping the entries current; every write path calls `search_index_update` or
  `search_index_changed` inside its transaction.
- `postgres`, `sqlite`: the engines; `engines.engine()` picks the current database's.
- `query`: running a search for the public pages.
"""
