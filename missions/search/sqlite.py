"""SQLite: an FTS5 table over the entries' stems, ranked with bm25, snippets in Python.

Migration 0020 creates `missions_search_fts` (tokenizer `unicode61 remove_diacritics 2`)
as an external-content table of `missions_searchentry`, with triggers that keep it in
step with every insert, update and delete of an entry, in the same transaction.
Python computes the Snowball stems (`words.stems`); FTS5 matches stems against stems.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

from .engines import ranked_rows, ranked_sql
from .models import SearchEntry
from .words import snippet, stem, variants

TABLE = "missions_search_fts"
WEIGHTS = "4.0, 1.0"  # heading, body

CREATE = [
    f"""CREATE VIRTUAL TABLE {TABLE} USING fts5(
        stems_heading, stems_body,
        content='missions_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER missions_search_fts_insert AFTER INSERT ON missions_searchentry BEGIN
        INSERT INTO {TABLE}(rowid, stems_heading, stems_body)
        VALUES (new.id, new.stems_heading, new.stems_body);
    END""",
    f"""CREATE TRIGGER missions_search_fts_delete AFTER DELETE ON missions_searchentry BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, stems_heading, stems_body)
        VALUES ('delete', old.id, old.stems_heading, old.stems_body);
    END""",
    f"""CREATE TRIGGER missions_search_fts_update AFTER UPDATE ON missions_searchentry BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, stems_heading, stems_body)
        VALUES ('delete', old.id, old.stems_heading, old.stems_body);
        INSERT INTO {TABLE}(rowid, stems_heading, stems_body)
        VALUES (new.id, new.stems_heading, new.stems_body);
    END""",
]
DROP = [
    "DROP TRIGGER IF EXISTS missions_search_fts_update",
    "DROP TRIGGER IF EXISTS missions_search_fts_delete",
    "DROP TRIGGER IF EXISTS missions_search_fts_insert",
    f"DROP TABLE IF EXISTS {TABLE}",
]


DEFERRED = ("stems_heading", "stems_body")  # the bodies make the snippets


def entry_fields(texts):
    """The stems FTS5 indexes, from an entry's heading and bodies."""
    from .words import stems

    return {
        "stems_heading": stems(texts["heading"]),
        "stems_body": stems(texts["body_en"] + "\n" + texts["body_ru"]),
    }


def quoted(words):
    return '"' + " ".join(words) + '"'


def term_expression(term):
    """A phrase as its words' stems in order; a single word as any of its stem variants."""
    if len(term) > 1:
        return quoted(stem(word) for word in term)
    return "(" + " OR ".join(quoted([variant]) for variant in variants(term[0])) + ")"


def match_expression(query):
    """An FTS5 query: every term, ANDed. Stems hold letters and digits only, each quoted,
    so no FTS5 syntax can come from the reader."""
    return " AND ".join(term_expression(term) for term in query.terms)


def matching(query):
    """Entries matching the query."""
    matched = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [match_expression(query)])
    return SearchEntry.objects.filter(id__in=matched)


# bm25() is computed where the MATCH is, and materialized: FTS5 refuses it anywhere else.
# The candidates are joined to its rows, not offered to FTS5 as a constraint: "rowid IN
# (candidates)" would run the full-text query once per candidate (0.5 s at 2,000 missions
# instead of 3 ms), and "+rowid IN" read every candidate's entry twice.
BM25 = f"""bm25 AS MATERIALIZED (
    SELECT rowid, -bm25({TABLE}, {WEIGHTS}) AS score FROM {TABLE} WHERE {TABLE} MATCH %s), """
SCORED = """SELECT c.id AS id, c.kind AS kind, bm25.score AS score
    FROM bm25 JOIN ({candidates}) c ON c.id = bm25.rowid"""


def ranked(entries, query, windows, language):
    """Every kind's total among the `entries` (a queryset of candidates) matching the query and
    the window of its ranked entries that `windows` ({kind: (offset, limit)}) asks for, each
    with `rank` and `snippet`: FTS5 ranks the matches once with bm25 (joined to the candidates:
    no second MATCH), which are counted per kind and each window kept; one more query reads
    the shown entries, whose snippets are made in Python.
    """
    candidates, params = entries.values("id", "kind").order_by().query.sql_with_params()
    scored = SCORED.format(candidates=candidates)
    sql, bounds = ranked_sql(scored, windows, ctes=BM25)
    with connection.cursor() as cursor:
        cursor.execute(sql, [match_expression(query), *params, *bounds])
        totals, windows = ranked_rows(cursor.fetchall())
    ranks = {pk: score for pairs in windows.values() for pk, score in pairs}
    found = SearchEntry.objects.defer(*DEFERRED).in_bulk(list(ranks)) if ranks else {}
    pages = {}
    for kind, pairs in windows.items():
        for pk, score in pairs:
            if pk in found:
                entry = with_snippet(found[pk], score, query, language)
                pages.setdefault(kind, []).append(entry)
    return totals, pages


def with_snippet(entry, rank, query, language):
    entry.rank = rank
    english, russian = entry.body_en, entry.body_ru
    bodies = [russian, english] if language == "ru" else [english, russian]
    entry.snippet = snippet([*bodies, entry.heading], query)
    return entry


def rebuild():
    """Rebuild the FTS5 index from the entries' stems."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
