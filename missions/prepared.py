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
`visibility.flagged()`) is done before every run. A run executes the compiled statement on
a cursor and builds the instances from its rows as the ORM would (`RowInstances`, without
`Model.__init__`); each parent gets its rows as a queryset that becomes its relation's own
only when asked for more than those rows (`HandedRows`). A tree's statements share one cursor;
where Django's cursor would only hand them on (no query logged, no execute wrappers) they run
on the driver's own, in its form (SQLite's `?`, converted once), and on PostgreSQL the parts
are sent together (psycopg's pipeline mode): one wait for the server, not one per part.
"""

import copy
import datetime
import functools
import inspect
import sqlite3
import sys
from contextlib import contextmanager
from uuid import UUID

from django.db import connections
from django.db.backends.utils import CursorWrapper
from django.db.models import F, ForeignKey, Model
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.mixins import FieldCacheMixin
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import ModelIterable
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.utils.dateparse import parse_date
from django.utils.translation import get_language
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import delete_mt_init

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
        with statements(connections[using]) as cursor:
            return self.rows_on(cursor, value)

    def rows_on(self, cursor, value):
        """The rows for the value, run on a cursor of `statements()` (flags made fresh)."""
        connection = cursor.db
        compiled, bound = self.bound(connection, value)
        if compiled.instances is None:  # not model rows (values_list()): the ORM's iterable
            return compiled.orm_rows(bound, connection)
        found = compiled.run(cursor, bound)
        return compiled.instances.build(found, connection.alias, connection)

    def bound(self, connection, value):
        """The compiled statement and its parameters for the value."""
        compiled = self.compiled(connection)
        bound = list(compiled.params)
        for slot in compiled.slots:
            bound[slot] = value
        return compiled, tuple(bound)

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
        return Compiled(first, compiler, sql, tuple(params), slots, driver_form(connection, sql))


class Compiled:
    """A queryset's SQL with the places of its value, and how its rows become instances."""

    def __init__(self, queryset, compiler, sql, params, slots, driver):
        self.queryset, self.compiler = queryset, compiler
        self.sql, self.params, self.slots = sql, params, slots
        self.fetch, self.execute = driver  # the SQL as the driver takes it, and its execute
        # The columns' converters, which Django looks up again on every run.
        self.converters = compiler.get_converters(
            [s[0] for s in compiler.select[: compiler.col_count]]
        )
        self.instances = RowInstances.of(queryset, compiler, self.converters)

    def run(self, cursor, bound):
        """The statement's rows. Where Django's cursor would only hand it to the driver's (no
        query logged, no execute wrappers), on the driver's cursor itself, as Django runs it."""
        connection = cursor.db
        if not direct(cursor):
            cursor.execute(self.sql, bound)
            return cursor.fetchall()
        connection.validate_no_broken_transaction()
        with connection.wrap_database_errors:
            driver = cursor.cursor
            self.execute(driver, self.fetch, bound)
            return driver.fetchall()

    def orm_rows(self, bound, connection):
        """The rows as the queryset's own iterable gives them, from the compiled SQL."""
        ready = copy.copy(self.compiler)
        ready.as_sql = lambda *args, **kwargs: (self.sql, bound)
        ready.get_converters = lambda expressions: self.converters
        run = self.queryset._chain()
        run.query.get_compiler = lambda *args, **kwargs: ready
        with server_bound(connection):
            return list(run)


def direct(cursor):
    """Whether Django's cursor would only hand a statement to the driver's: no query logged
    (a debug cursor: DEBUG, assertNumQueries), no execute wrappers."""
    return type(cursor) is CursorWrapper and not cursor.db.execute_wrappers


def rows_together(cursor, queries):
    """Each (Prepared, value)'s rows, as rows_on() gives them. On PostgreSQL, where they run on
    the driver's cursor, all sent before any is read (psycopg's pipeline mode): one wait for
    the server, not one per statement."""
    connection = cursor.db
    runs = [query.bound(connection, value) for query, value in queries]
    if not pipelined(cursor) or any(compiled.instances is None for compiled, _ in runs):
        return [query.rows_on(cursor, value) for query, value in queries]
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        drivers = [connection.create_cursor() for _ in runs]
        with connection.connection.pipeline():
            for driver, (compiled, bound) in zip(drivers, runs, strict=True):
                driver.execute(compiled.fetch, bound)
        found = [driver.fetchall() for driver in drivers]
        for driver in drivers:
            driver.close()
    return [
        compiled.instances.build(rows, connection.alias, connection)
        for (compiled, _), rows in zip(runs, found, strict=True)
    ]


def pipelined(cursor):
    """Whether the statements on this cursor can be sent together: psycopg 3's connection, on
    a libpq with pipeline mode (14 on), and the cursor direct()."""
    if cursor.db.vendor != "postgresql" or not direct(cursor):
        return False
    if not hasattr(cursor.db.connection, "pipeline"):  # psycopg2
        return False
    import psycopg

    return psycopg.Pipeline.is_supported()


def driver_form(connection, sql):
    """The SQL in the driver's form and the driver's execute. On SQLite, Django's cursor turns
    each statement's `%s` into `?` on every run: here once (by that cursor's own method)."""
    if connection.vendor != "sqlite":
        return sql, execute
    driver = connection.create_cursor()
    try:
        return driver.convert_query(sql), sqlite3.Cursor.execute
    finally:
        driver.close()


def execute(driver, sql, params):
    return driver.execute(sql, params)


class Unsupported(Exception):
    """Rows that RowInstances does not build: the ORM's own iterable builds them."""


class RowInstances:
    """Model instances from a compiled query's rows, each the instance Django's ModelIterable
    builds from that row (its fields, `_state`, select_related() rows and annotations), built
    without `Model.__init__`, which sends two signals per instance and sets each field through
    its descriptor. Only for models where that comes to the same instance: no `__init__` or
    `from_db()` of their own (modeltranslation's constructor aside), nothing listening to
    pre_init, to post_init only modeltranslation (which removes what its constructor added),
    and every column's descriptor one that only stores the value on a new instance."""

    @classmethod
    def of(cls, queryset, compiler, converters):
        """The builder for the queryset's rows, or None where the ORM must build them."""
        info = compiler.klass_info
        fields = [s[0] for s in compiler.select[: compiler.col_count]]
        if (
            queryset._iterable_class is not ModelIterable
            or info is None
            or queryset._known_related_objects
            or queryset._fetch_mode.track_peers
            or compiler.has_composite_fields(fields)
        ):
            return None
        try:
            root = ModelColumns(info, compiler.select)
        except Unsupported:
            return None
        return cls(root, compiler.annotation_col_map, converters, queryset._fetch_mode)

    def __init__(self, root, annotations, converters, fetch_mode):
        self.root = root
        self.annotations = tuple(annotations.items())
        self.converters = tuple(
            (pos, quicker(convs), tuple(convs), e) for pos, (convs, e) in converters.items()
        )
        self.fetch_mode = fetch_mode

    def build(self, rows, db, connection):
        state = {"adding": False, "db": db, "fetch_mode": self.fetch_mode}
        make, annotations, converters = self.root.make, self.annotations, self.converters
        found = []
        for row in rows:
            if converters:
                row = list(row)
                for pos, quick, convs, expression in converters:
                    value = row[pos]
                    if quick is not None:
                        row[pos] = quick(value)
                        continue
                    for converter in convs:
                        value = converter(value, expression, connection)
                    row[pos] = value
            obj = make(row, state)
            for attr, pos in annotations:
                setattr(obj, attr, row[pos])
            found.append(obj)
        return found


def uuid_from_hex(value):
    return value if value is None else UUID(hex=value)


def bool_from_int(value):
    return bool(value) if value in (1, 0) else value


def date_from_text(value):
    if value is not None and not isinstance(value, datetime.date):
        value = parse_date(value)
    return value


# Converters of Django's that are called with a row's value, its column and the connection,
# and the plain function of the value alone giving the same value.
QUICKER = {
    "django.db.backends.sqlite3.operations.DatabaseOperations." + name: quick
    for name, quick in (
        ("convert_uuidfield_value", uuid_from_hex),
        ("convert_booleanfield_value", bool_from_int),
        ("convert_datefield_value", date_from_text),
    )
}


def quicker(converters):
    """The plain function for a column's one converter, if QUICKER has one."""
    if len(converters) != 1:
        return None
    function = getattr(converters[0], "__func__", None)
    name = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
    return QUICKER.get(name)


class ModelColumns:
    """One model's columns in a row (the root's or a select_related() row's), and its own
    select_related() rows."""

    def __init__(self, info, select):
        model = info["model"]
        fields = info["select_fields"]
        if info.get("from_parent") or list(fields) != list(range(fields[0], fields[-1] + 1)):
            raise Unsupported
        self.model = model
        self.start, self.end = fields[0], fields[-1] + 1
        self.attnames = tuple(f[0].target.attname for f in select[self.start : self.end])
        self.pk = self.attnames.index(model._meta.pk.attname)
        check_plain(model, self.attnames)
        self.related = tuple(
            (ModelColumns(child, select), cached(child["local_setter"]), child["remote_setter"])
            for child in info.get("related_klass_infos", ())
        )

    def make(self, row, state):
        obj = object.__new__(self.model)
        kept = object.__new__(ModelState)
        kept.__dict__.update(state)
        values = obj.__dict__
        values["_state"] = kept
        values.update(zip(self.attnames, row[self.start : self.end]))  # noqa: B905 (as long)
        for columns, local, remote_setter in self.related:
            if row[columns.start + columns.pk] is None:
                related = None
            else:
                related = columns.make(row, state)
            if type(local) is str:
                kept.fields_cache[local] = related
            else:
                local(obj, related)
            if related is not None:
                remote_setter(related, obj)
        return obj


def cached(setter):
    """A select_related() row's setter as the name it caches the row under, where it does only
    that (Django's set_cached_value()), else the setter."""
    if getattr(setter, "__func__", None) is FieldCacheMixin.set_cached_value:
        return setter.__self__.cache_name
    return setter


def check_plain(model, attnames):
    """Raise Unsupported unless a new instance of the model is its columns' values stored
    under their names, as `Model.__init__` leaves it."""
    init = model.__init__
    if init is not Model.__init__:
        # modeltranslation's constructor around Django's: with positional values only, it
        # marks the instance (`_mt_init`, so that its descriptors store the value only) and
        # its post_init receiver removes the mark.
        code = getattr(init, "__code__", None)
        if getattr(init, "__module__", None) != "modeltranslation.translator" or code is None:
            raise Unsupported
        cells = dict(
            zip(code.co_freevars, [c.cell_contents for c in init.__closure__ or ()], strict=True)
        )
        if cells.get("old_init") is not Model.__init__:
            raise Unsupported
    if (
        model.__new__ is not object.__new__
        or model.from_db.__func__ is not Model.from_db.__func__
        or pre_init.has_listeners(model)
    ):
        raise Unsupported
    sync, asynchronous = post_init._live_receivers(model)
    if asynchronous or any(r is not delete_mt_init for r in sync):
        raise Unsupported
    for attname in attnames:
        descriptor = inspect.getattr_static(model, attname, None)
        kind = type(descriptor)
        if hasattr(kind, "__set__") and kind not in STORING_DESCRIPTORS:
            raise Unsupported
        if kind is TranslationFieldDescriptor and isinstance(descriptor.field, ForeignKey):
            raise Unsupported


# Descriptors whose __set__ on a new instance stores the value under the attribute's name:
# a foreign key's id (it forgets a cached related row, which a new instance has none of), a
# file (FileDescriptor, not ImageFileDescriptor), modeltranslation's field while `_mt_init`.
STORING_DESCRIPTORS = (ForeignKeyDeferredAttribute, FileDescriptor, TranslationFieldDescriptor)


@contextmanager
def statements(connection):
    """One cursor for a run of prepared statements (a tree's), bound on the server."""
    with server_bound(connection), connection.cursor() as cursor:
        yield cursor


@contextmanager
def server_bound(connection):
    """On PostgreSQL, the statement run inside bound on the server and prepared there from its
    second run on a connection on, so planned once per connection (the server spent more time
    planning the mission page's statements than running them). Only these statements: the
    site's other queries stay bound on the client and unprepared, as Django runs them
    (server-side binding changes how some of Django's SQL is typed)."""
    if connection.vendor != "postgresql" or connection.settings_dict.get(
        "DISABLE_SERVER_SIDE_CURSORS"
    ):
        yield
        return
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
        yield
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

    def walk(self, parent=None):
        """This part and its parts, each with its parent part, in the order they are read."""
        yield self, parent
        for part in self.parts:
            yield from part.walk(self)


class Tree:
    """A root queryset built around a value (its slug), and its parts."""

    def __init__(self, build, parts, probes=TEXT_PROBES):
        self.root = Prepared(build, probes)
        self.parts = parts

    def get(self, value, using="default"):
        """The root with every part, or None when no row matches."""
        flags_fresh()  # once: the tree's statements only read
        with statements(connections[using]) as cursor:
            found = self.root.rows_on(cursor, value)
            if not found:
                return None
            root = found[0]
            order = [walked for part in self.parts for walked in part.walk()]
            found = rows_together(cursor, [(part.query, part.value(root)) for part, _ in order])
        rows = {}  # a part's rows, the parents of its parts
        for (part, parent), part_rows in zip(order, found, strict=True):
            if part.parents:
                parents = part.parents(root)
            else:
                parents = [root] if parent is None else rows[id(parent)]
            attach(parents, part.name, part_rows, part.owner)
            rows[id(part)] = part_rows
        return root


def attach(parents, name, rows, owner):
    """Hand each parent its rows, as prefetch_related() with a Prefetch queryset does."""
    grouped = {}
    if rows and read_from_dict(type(rows[0]), owner):
        for row in rows:
            values = row.__dict__
            key = values[owner] if owner in values else getattr(row, owner)
            grouped.setdefault(key, []).append(row)
    else:
        for row in rows:
            grouped.setdefault(getattr(row, owner), []).append(row)
    if not parents:
        return
    relation = Relation.of(parents[0], name)
    cache_name, to_parent, handed = relation.cache_name, relation.to_parent, relation.handed
    pk = relation.pk
    if handed is None:
        unfiltered = relation.unfiltered(parents[0])
    for parent in parents:
        values = parent.__dict__
        vals = grouped.get(values[pk] if pk in values else parent.pk, [])
        if to_parent is not None:
            for row in vals:
                row._state.fields_cache.setdefault(to_parent, parent)
        if handed is None:
            queryset = getattr(parent, name)._apply_rel_filters(unfiltered._chain())
            queryset._result_cache = vals
            queryset._prefetch_done = True
        else:
            queryset = handed(vals, parent, name)
        try:
            parent._prefetched_objects_cache[cache_name] = queryset
        except AttributeError:
            parent._prefetched_objects_cache = {cache_name: queryset}


@functools.cache
def read_from_dict(model, name):
    """Whether an instance's attribute of that name, while its __dict__ holds it, is read from
    there: no data descriptor in front of it but Django's deferred attribute (which reads it
    there)."""
    kind = type(inspect.getattr_static(model, name, None))
    if model.__getattribute__ is not object.__getattribute__:
        return False
    return kind in (DeferredAttribute, ForeignKeyDeferredAttribute) or not (
        hasattr(kind, "__set__") or hasattr(kind, "__delete__")
    )


class Relation:
    """How a parent's rows of one relation are handed to it, looked up once per kind of
    parent and relation (a related manager each time cost more than the rest)."""

    known = {}  # (parent class, accessor) -> Relation

    @classmethod
    def of(cls, parent, name):
        key = (type(parent), name)
        if key not in cls.known:
            cls.known[key] = cls(parent, name)
        return cls.known[key]

    def __init__(self, parent, name):
        self.name = name
        manager = getattr(parent, name)
        if not hasattr(manager, "prefetch_cache_name"):  # a reverse foreign key
            self.cache_name = manager.field.remote_field.cache_name
            self.to_parent = manager.field.cache_name  # each row's foreign key to its parent
        else:
            self.cache_name, self.to_parent = manager.prefetch_cache_name, None
        self.handed = HandedRows.like(self.unfiltered(parent))
        # A parent's pk read from its __dict__, where that is what `parent.pk` reads.
        model, pk = type(parent), parent._meta.pk
        plain = model.pk is Model.pk and model._get_pk_val is Model._get_pk_val
        if plain and not parent._meta.is_composite_pk and read_from_dict(model, pk.attname):
            self.pk = pk.attname
        else:
            self.pk = None  # read as `parent.pk`

    def unfiltered(self, parent):
        """The relation's queryset before its parent's filter: built once per part, not per
        parent (modeltranslation's manager rewrites the model's ordering on each one)."""
        manager = getattr(parent, self.name)
        return super(type(manager), manager).get_queryset()


class HandedRows:
    """A parent's rows of a relation, where prefetch_related() leaves its relation's queryset
    holding them: read (iterated, counted, indexed) as that queryset reads its rows, and
    asked for anything else (a filter, an order, a query), first made that very queryset,
    the parent's own relation (`_apply_rel_filters`), as prefetch_related() makes it for each
    parent up front. Until then it holds only its rows, its parent and the relation's name."""

    classes = {}  # a queryset class -> its HandedRows subclass

    @classmethod
    def like(cls, queryset):
        """A maker of handed rows for the queryset's class, or None for a class not defined
        at module level (made per call, as modeltranslation makes a custom class's)."""
        kind = type(queryset)
        if kind not in cls.classes:
            module = sys.modules.get(kind.__module__)
            if getattr(module, kind.__qualname__, None) is not kind:
                return None
            cls.classes[kind] = type(
                kind.__name__, (cls, kind), {"__qualname__": kind.__qualname__}
            )
        if queryset._prefetch_related_lookups:
            return None
        handed = cls.classes[kind]
        model = queryset.model

        def make(vals, parent, name):
            rows = handed.__new__(handed)
            rows.__dict__.update(
                model=model,
                _result_cache=vals,
                _prefetch_done=True,
                _prefetch_related_lookups=(),
                _handed=(parent, name),
            )
            return rows

        return make

    def __getattr__(self, name):
        # Only for what the instance does not hold yet: the relation's queryset's own state.
        if "_handed" not in self.__dict__:
            raise AttributeError(name)
        self._become_relation()
        return getattr(self, name)

    def _become_relation(self):
        parent, accessor = self.__dict__.pop("_handed")
        manager = getattr(parent, accessor)
        relation = manager._apply_rel_filters(super(type(manager), manager).get_queryset())
        vals = self._result_cache
        self.__dict__.update(relation.__dict__)
        self._result_cache, self._prefetch_done = vals, True
        self.__class__ = relation.__class__

    def __deepcopy__(self, memo):
        self._become_relation()
        return copy.deepcopy(self, memo)

    def __getstate__(self):
        self._become_relation()
        return self.__getstate__()

    def __reduce_ex__(self, protocol):
        self._become_relation()
        return self.__reduce_ex__(protocol)


def linked(queryset, lookup, value):
    """Rows of a many-to-many relation for a Part: those whose `lookup` (through the relation,
    "visits__mission_id") is `value`, each with the related row's pk as `prepared_owner`."""
    relation = lookup.split("__")[0]
    return queryset.filter(**{lookup: value}).annotate(prepared_owner=F(f"{relation}__id"))
