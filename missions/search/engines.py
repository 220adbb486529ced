"""The engine of the current database: PostgreSQL's full-text search or SQLite's FTS5."""

from django.db import connection


def engine():
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite
