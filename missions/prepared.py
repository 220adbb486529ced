"""A record and its parts in a fixed number of queries, each compiled once per connection.

Django compiles a queryset into SQL on every run: for the mission page's 19 queries that was
a third of the time spent fetching, and `prefetch_related()` building a filtered queryset per
part another share, where running the SQL took 2 ms. A `Tree` names a root queryset and its
parts as querysets built around one value (the root's slug, its primary key); each is compiled
the first time a connection runs it in a language (translated fields compile per language)
and then only run with the new value. Every part is read in one query whatever the number of
parents, and its rows are handed to their parents as `prefetch_related()` does: `.all()` on the
parent reads them, and a row's foreign key to its parent is the parent. Build functions must
depend on their value alone (no clock, no request): everything else is compiled in once; the
one thing a build did besides (the stored flags' recompute a connection's writes wait for,
`visibility.flagged()`) is done before every run.
"""

import copy

from django.db import connections
from django.db.models import F
from django.utils.translation import get_language

from .visibility import flags_fresh

# Two values that give the same SQL; the parameters where their compilations differ are
# where a run puts its own value. Integers in range of every integer column's lookups.
NUMBER_PROBES = (1_900_000_001, 1_900_000_002)
TEXT_PROBES = ("prepared-probe-a", "prepared-probe-b")


class Prepared:
    """A queryset built around one value, compiled once per connection and language."""

    def __init__(self, build, probes=NUMBER_PROBES):
        self.build = build
        self.probes = probes

    def rows(self, value, using="default"):
        flags_fresh()  # what visibility.flagged() asks when a queryset is built
        queryset, compiler, sql, params, slots, converters = self.compiled(connections[using])
        bound = list(params)
        for slot in slots:
            bound[slot] = value
        bound = tuple(bound)
        ready = copy.copy(compiler)
        ready.as_sql = lambda *args, **kwargs: (sql, bound)
        ready.get_converters = lambda expressions: converters
        run = queryset._chain()
        run.query.get_compiler = lambda *args, **kwargs: ready
        connection = connections[using]
        if connection.vendor == "postgresql" and not connection.settings_dict.get(
            "DISABLE_SERVER_SIDE_CURSORS"
        ):
            return planned_once(connection, run)
        return list(run)

    def compiled(self, connection):
        # Kept on the connection: a connection belongs to one thread, and so does its compiler.
        store = connection.__dict__.setdefault("_prepared_queries", {})
        key = (self, get_language())
        if key not in store:
            store[key] = self.compile(connection)
        return store[key]

    def compile(self, connection):
        first, second = (self.build(probe) for probe in self.probes)
        compiler = first.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        other_sql, other = second.query.get_compiler(connection=connection).as_sql()
        if other_sql != sql or len(params) != len(other):
            raise ValueError(f"{self.build.__qualname__} does not compile around its value")
        slots = [i for i, (one, two) in enumerate(zip(params, other, strict=True)) if one != two]
        if not slots:
            raise ValueError(f"{self.build.__qualname__} does not compile around its value")
        if first._prefetch_related_lookups:
            raise ValueError(f"{self.build.__qualname__}: parts are Part()s, not prefetches")
        # The columns' converters, which Django looks up again on every run.
        converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
        return first, compiler, sql, tuple(params), slots, converters


def planned_once(connection, queryset):
    """The queryset's rows, its statement bound on the PostgreSQL server and prepared there from
    its second run on a connection on, so planned once per connection (the server spent more
    time planning the mission page's statements than running them). Only these statements: the
    site's other queries stay bound on the client and unprepared, as Django runs them
    (server-side binding changes how some of Django's SQL is typed)."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = connection.connection
    kept = raw.cursor_factory, raw.prepare_threshold
    # Django turns psycopg's prepared statements off (None: for connection poolers); they are
    # on only while one of these statements runs. A connection used once (DJANGO_CONN_MAX_AGE
    # 0 closes it after each request) runs each statement once: nothing is prepared.
    raw.cursor_factory = ServerBindingCursor
    raw.prepare_threshold = 1
    try:
        return list(queryset)
    finally:
        raw.cursor_factory, raw.prepare_threshold = kept


class Part:
    """One kind of row under its parents: `name` is the parents' accessor, `build(value)` the
    rows of one root, `owner` the attribute of a row holding its parent's primary key."""

    def __init__(self, name, build, owner, parts=(), value=None, parents=None):
        self.name = name
        self.query = Prepared(build)
        self.owner = owner
        self.parts = parts
        self.value = value or (lambda root: root.pk)  # the value the query is built around
        self.parents = parents  # for a part of the root's related record: root -> [parent]

    def load(self, root, parents, using):
        if self.parents:
            parents = self.parents(root)
        rows = self.query.rows(self.value(root), using)
        attach(parents, self.name, rows, self.owner)
        for part in self.parts:
            part.load(root, rows, using)


class Tree:
    """A root queryset built around a value (its slug), and its parts."""

    def __init__(self, build, parts, probes=TEXT_PROBES):
        self.root = Prepared(build, probes)
        self.parts = parts

    def get(self, value, using="default"):
        """The root with every part, or None when no row matches."""
        found = self.root.rows(value, using)
        if not found:
            return None
        root = found[0]
        for part in self.parts:
            part.load(root, [root], using)
        return root


def attach(parents, name, rows, owner):
    """Hand each parent its rows, as prefetch_related() with a Prefetch queryset does."""
    grouped = {}
    for row in rows:
        grouped.setdefault(getattr(row, owner), []).append(row)
    unfiltered = None
    for parent in parents:
        manager = getattr(parent, name)
        if unfiltered is None:
            # The relation's queryset before its parent's filter, built once for every parent
            # (modeltranslation's manager rewrites the model's ordering on each one it builds).
            unfiltered = super(type(manager), manager).get_queryset()
        queryset = manager._apply_rel_filters(unfiltered._chain())
        vals = grouped.get(parent.pk, [])
        if not hasattr(manager, "prefetch_cache_name"):  # a reverse foreign key
            cache_name = manager.field.remote_field.cache_name
            for row in vals:
                if not manager.field.is_cached(row):
                    manager.field.set_cached_value(row, parent)
        else:
            cache_name = manager.prefetch_cache_name
        queryset._result_cache = vals
        queryset._prefetch_done = True
        if not hasattr(parent, "_prefetched_objects_cache"):
            parent._prefetched_objects_cache = {}
        parent._prefetched_objects_cache[cache_name] = queryset


def linked(queryset, lookup, value):
    """Rows of a many-to-many relation for a Part: those whose `lookup` (through the relation,
    "visits__mission_id") is `value`, each with the related row's pk as `prepared_owner`."""
    relation = lookup.split("__")[0]
    return queryset.filter(**{lookup: value}).annotate(prepared_owner=F(f"{relation}__id"))
