"""Queries compiled once (missions.prepared) give the rows, order and links the ORM gives; the
Jinja2 body of the mission page escapes as Django does; one-slug links are reverse()'s."""

import copy
import datetime
import html
import pickle
import uuid

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_init
from django.db.models.sql.compiler import SQLCompiler
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from missions.api.views import RECORD, mission_record_queryset
from missions.jinja import fmt, shown
from missions.models import Country, Mission, Person
from missions.prepared import (
    Prepared,
    bool_from_int,
    date_from_text,
    quicker,
    read_from_dict,
    uuid_from_hex,
)
from missions.public_flags import batched_flags
from missions.routes import slug_path
from missions.views.mission_page import PUBLIC_PAGE
from missions.visibility import public_organizations

from . import factories

pytestmark = pytest.mark.django_db


def parts(mission):
    """What the page reads of a mission's parts, as plain values."""
    return {
        "delegations": [
            (d.pk, d.country_id, [(m.pk, m.person.slug) for m in d.members.all()])
            for d in mission.delegations.all()
        ],
        "meetings": [
            (m.pk, [c.person_id for c in m.counterparts.all()]) for m in mission.meetings.all()
        ],
        "visits": [(v.pk, [p.slug for p in v.observers.all()]) for v in mission.visits.all()],
        "documents": [(d.pk, d.findings) for d in mission.documents.all()],
        "rounds": [r.pk for r in mission.election.rounds.all()],
    }


def test_a_mission_from_the_prepared_tree_is_what_the_orm_prefetch_gives():
    # The reference: the API record's parts, prefetched by the ORM (the same for a published
    # mission, whose parts are all public).
    for _ in range(2):
        factories.full_mission()
    for mission in Mission.objects.all():
        expected = mission_record_queryset().get(pk=mission.pk)
        loaded = PUBLIC_PAGE.get(mission.slug)
        assert loaded.pk == mission.pk
        assert parts(loaded) == parts(expected)
        # A part's parent is the record itself, as prefetch_related() leaves it.
        assert all(d.mission is loaded for d in loaded.delegations.all())


def test_a_part_handed_to_its_parent_still_filters_by_that_parent():
    # Each parent's queryset is the relation's, built once per part: asked for more than its
    # rows (a filter, a count), it queries its own parent's rows, not every mission's.
    first, second = factories.full_mission(), factories.full_mission()
    loaded = PUBLIC_PAGE.get(first.slug)
    members = loaded.delegations.all()[0].members
    assert set(loaded.delegations.filter(pk__gt=0)) == set(first.delegations.all())
    assert list(members.filter(pk__gt=0)) == list(members.all())
    assert loaded.visits.all()[0].observers.filter(pk__gt=0).count() == len(
        loaded.visits.all()[0].observers.all()
    )
    assert not set(loaded.meetings.filter(pk__gt=0)) & set(second.meetings.all())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_the_trees_statements_are_planned_once_per_connection_and_no_other_query_is():
    def prepared():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return cursor.fetchone()[0]

    mission = factories.full_mission()
    connection.ensure_connection()
    before = prepared()
    assert PUBLIC_PAGE.get(mission.slug).pk == mission.pk
    # Run once on a connection (a request's, without persistent connections): not prepared.
    assert prepared() == before
    assert PUBLIC_PAGE.get(mission.slug).pk == mission.pk
    once = prepared()
    assert once > before
    assert PUBLIC_PAGE.get(mission.slug).pk == mission.pk
    for _ in range(3):  # an ordinary query, however often: bound on the client, unprepared
        list(Mission.objects.filter(slug=mission.slug))
    assert prepared() == once
    # The connection is left as Django made it: no prepared statements for the rest.
    assert connection.connection.prepare_threshold is None
    with connection.cursor() as cursor:
        assert connection.connection.cursor_factory is type(cursor.cursor)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_behind_a_transaction_pooler_nothing_is_prepared(monkeypatch):
    def prepared():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return cursor.fetchone()[0]

    mission = factories.full_mission()
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", True)
    connection.ensure_connection()
    before = prepared()
    for _ in range(3):
        assert PUBLIC_PAGE.get(mission.slug).pk == mission.pk
    assert prepared() == before


def test_a_draft_is_not_found_by_the_public_tree():
    draft = factories.full_mission(status=Mission.Status.DRAFT)
    assert PUBLIC_PAGE.get(draft.slug) is None


def test_a_prepared_query_is_compiled_once_per_connection_and_language(monkeypatch):
    people = [factories.person(name=name) for name in ("Anna", "Boris")]
    query = Prepared(lambda pk: Person.objects.filter(pk=pk))
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k)
    )
    for person in people * 2:
        assert [p.name for p in query.rows(person.pk)] == [person.name]
    assert len(compiled) == 2  # the two probes, once
    with translation.override("ru"):
        assert query.rows(people[0].pk) == [people[0]]
    assert len(compiled) == 4
    connection.__dict__.pop("_prepared_queries", None)


def test_a_prepared_query_reads_the_flags_a_write_on_its_connection_left_pending():
    body = factories.organization()
    draft = factories.mission(observer_body=body, status=Mission.Status.DRAFT)
    query = Prepared(lambda pk: public_organizations().filter(pk=pk))
    assert query.rows(body.pk) == []  # compiled now, the body named by a draft alone
    with transaction.atomic(), batched_flags():
        draft.status = Mission.Status.PUBLISHED
        draft.save()
        assert query.rows(body.pk) == [body]


def test_a_build_that_ignores_its_value_is_refused():
    with pytest.raises(ValueError, match="does not compile around its value"):
        Prepared(lambda pk: Person.objects.all()).rows(1)


def test_values_show_as_django_shows_them():
    assert shown('Anna\'s "<b>" & co') == "Anna&#x27;s &quot;&lt;b&gt;&quot; &amp; co"
    assert shown(mark_safe("<b>kept</b>")) == "<b>kept</b>"
    assert shown(1200) == "1200"
    uid = uuid.uuid4()
    assert shown(uid) == str(uid) == conditional_escape(localize(uid))
    for text in ("plain", "Ünïcode текст", "a&b", "<i>", 'say "hi"', "it's", ""):
        assert shown(text) == html.escape(text)
    assert fmt("in the part of %(partner)s", partner="A & B") == "in the part of A &amp; B"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_slug_path_is_what_reverse_gives(language):
    with translation.override(language):
        for slug in ("anna-1", "x_y", "Z9"):
            assert slug_path("missions:person_detail", slug) == reverse(
                "missions:person_detail", kwargs={"slug": slug}
            )
        with pytest.raises(Exception, match="Reverse"):
            slug_path("missions:person_detail", "not a slug")


def same_instances(built, orm, seen=None):
    """Each instance is the ORM's: class, fields, annotations, state, select_related() rows
    (a row's link back to the one it was selected with, the same)."""
    seen = {} if seen is None else seen
    assert [type(i) for i in built] == [type(i) for i in orm]
    for mine, theirs in zip(built, orm, strict=True):
        assert mine.__dict__.keys() == theirs.__dict__.keys()
        assert {k: (type(v), v) for k, v in vars(mine).items() if k != "_state"} == {
            k: (type(v), v) for k, v in vars(theirs).items() if k != "_state"
        }
        mine_state, their_state = dict(vars(mine._state)), dict(vars(theirs._state))
        assert (
            mine_state.pop("fields_cache", {}).keys() == their_state.pop("fields_cache", {}).keys()
        )
        assert mine_state == their_state
        seen[id(mine)] = theirs
        for name, related in mine._state.fields_cache.items():
            theirs_related = theirs._state.fields_cache[name]
            if related is None:
                assert theirs_related is None
            elif id(related) in seen:
                assert seen[id(related)] is theirs_related
            else:
                same_instances([related], [theirs_related], seen)


def every_query(tree, root):
    """(Prepared, value) for a tree's root part by part, as Tree.get runs them."""
    parts = [(part, root) for part in tree.parts]
    while parts:
        part, root = parts.pop()
        yield part.query, part.value(root)
        parts.extend((child, root) for child in part.parts)


@pytest.mark.parametrize("tree", [PUBLIC_PAGE, RECORD], ids=["page", "record"])
def test_instances_built_from_rows_are_those_the_orm_builds(tree):
    factories.load_seed()
    for mission in Mission.objects.filter(status=Mission.Status.PUBLISHED)[:6]:
        with translation.override("ru"):
            same_instances(tree.root.rows(mission.slug), list(tree.root.build(mission.slug)))
        root = tree.root.rows(mission.slug)[0]
        same_instances([root], list(tree.root.build(mission.slug)))
        for query, value in every_query(tree, root):
            assert query.compiled(connection).instances is not None  # built from rows
            same_instances(query.rows(value), list(query.build(value)))


def test_rows_other_than_model_instances_are_the_orms():
    people = [factories.person(name=name) for name in ("Anna", "Boris")]
    names = Prepared(lambda pk: Person.objects.filter(pk__gte=pk).values_list("name", "pk"))
    assert names.rows(people[0].pk) == [("Anna", people[0].pk), ("Boris", people[1].pk)]


def test_a_model_something_listens_to_is_built_by_the_orm():
    person = factories.person(name="Anna")
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(receiver, sender=Person)
    try:
        query = Prepared(lambda pk: Person.objects.filter(pk=pk))
        assert query.rows(person.pk) == [person]
        assert seen == [person.pk]
    finally:
        post_init.disconnect(receiver, sender=Person)
        connection.__dict__.pop("_prepared_queries", None)


def test_handed_rows_are_read_without_a_query_as_a_prefetch_leaves_them(
    django_assert_num_queries,
):
    first, second = factories.full_mission(), factories.full_mission()
    loaded = PUBLIC_PAGE.get(first.slug)
    prefetched = Mission.objects.prefetch_related("delegations").get(pk=first.pk)
    with django_assert_num_queries(0):
        delegations = loaded.delegations.all()
        assert len(delegations) == delegations.count() == 2
        assert delegations.exists() and bool(delegations)
        assert delegations[0] == list(delegations)[0] == delegations.first()
        assert list(delegations) == list(prefetched.delegations.all())
        assert [d.mission for d in delegations] == [loaded, loaded]
    # Asked for more, it is the relation's own queryset: of its parent's rows alone.
    expected = list(first.delegations.order_by("-order"))
    with django_assert_num_queries(1):
        assert list(delegations.order_by("-order")) == expected
    assert type(delegations) is type(prefetched.delegations.all())
    assert str(delegations.query) == str(prefetched.delegations.all().query)
    assert not set(loaded.delegations.filter(pk__gt=0)) & set(second.delegations.all())


def test_handed_rows_copy_and_pickle_as_the_relations_queryset():
    mission = factories.full_mission()
    for loaded in (PUBLIC_PAGE.get(mission.slug) for _ in range(3)):
        rows = list(loaded.visits.all()[0].observers.all())
        assert len(rows) == 1
    observers = PUBLIC_PAGE.get(mission.slug).visits.all()[0].observers
    assert list(copy.deepcopy(observers.all())) == rows
    assert list(pickle.loads(pickle.dumps(observers.all()))) == rows
    assert list(copy.copy(PUBLIC_PAGE.get(mission.slug).visits.all()[0].observers.all())) == rows
    assert observers.all().filter(pk__gt=0).count() == 1


def statement_count(tree, root):
    return 1 + len(list(every_query(tree, root)))


def tree_as_read(tree, slug):
    """A tree's record as the page reads it: its parts, each part's instances as the ORM's."""
    loaded = tree.get(slug)
    return loaded, parts(loaded)


@pytest.mark.parametrize("tree", [PUBLIC_PAGE, RECORD], ids=["page", "record"])
def test_a_tree_run_on_the_drivers_cursor_gives_the_rows_of_djangos_cursor(tree, monkeypatch):
    mission = factories.full_mission()
    tree.get(mission.slug)  # compiled
    through_django = []
    original = CursorWrapper.execute
    monkeypatch.setattr(
        CursorWrapper,
        "execute",
        lambda self, *a, **k: through_django.append(1) or original(self, *a, **k),
    )
    direct = tree.get(mission.slug)
    assert through_django == []  # on the driver's cursor itself
    with CaptureQueriesContext(connection) as watched:
        logged = tree.get(mission.slug)
    assert len(watched) == len(through_django) == statement_count(tree, direct)
    assert parts(direct) == parts(logged)
    for query, value in [(tree.root, mission.slug), *every_query(tree, direct)]:
        rows = query.rows(value)
        with CaptureQueriesContext(connection):
            same_instances(rows, query.rows(value))


def test_a_tree_counts_under_assert_num_queries_and_an_execute_wrapper_sees_each_statement(
    django_assert_num_queries,
):
    mission = factories.full_mission()
    root = PUBLIC_PAGE.get(mission.slug)
    expected = statement_count(PUBLIC_PAGE, root)
    with django_assert_num_queries(expected):
        PUBLIC_PAGE.get(mission.slug)
    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        wrapped = PUBLIC_PAGE.get(mission.slug)
    assert len(seen) == expected
    assert parts(wrapped) == parts(root)


def test_a_failing_statement_raises_djangos_error_and_a_broken_transaction_stops_it():
    person = factories.person(name="Anna")
    broken = Prepared(
        lambda pk: Person.objects.filter(pk=pk).annotate(x=RawSQL("no_such_column", ()))
    )
    with pytest.raises(DatabaseError) as raised, transaction.atomic():
        broken.rows(person.pk)
    assert type(raised.value).__module__ == "django.db.utils"
    mission = factories.full_mission()
    with transaction.atomic():
        try:
            with transaction.atomic(savepoint=False):
                broken.rows(person.pk)
        except DatabaseError:
            pass
        with pytest.raises(TransactionManagementError):
            PUBLIC_PAGE.get(mission.slug)


def sqlite_converters():
    from django.db.backends.sqlite3.base import DatabaseWrapper

    return DatabaseWrapper.ops_class(connection=None)


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("convert_uuidfield_value", [None, uuid.uuid4().hex, "0" * 32, "f" * 32]),
        ("convert_booleanfield_value", [None, 0, 1, True, False, 2]),
        ("convert_datefield_value", [None, "2024-02-29", "2024-2-9", datetime.date(2020, 1, 2)]),
    ],
)
def test_a_quicker_converter_gives_the_value_and_type_djangos_gives(name, values):
    django_converter = getattr(sqlite_converters(), name)
    quick = quicker([django_converter])
    assert quick is not None
    for value in values:
        expected = django_converter(value, None, connection)
        assert (type(quick(value)), quick(value)) == (type(expected), expected)
    # Only one converter of Django's own, unchanged, is replaced.
    assert quicker([django_converter, django_converter]) is None
    assert quicker([lambda value, expression, connection: value]) is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's converters")
def test_sqlite_uuid_boolean_and_date_columns_are_converted_by_the_quicker_functions():
    mission = factories.full_mission()
    PUBLIC_PAGE.get(mission.slug)
    root = RECORD.get(mission.slug)
    queries = [(PUBLIC_PAGE.root, 0), (RECORD.root, 0), *every_query(PUBLIC_PAGE, root)]
    used = {
        quick
        for query, _ in [*queries, *every_query(RECORD, root)]
        for _, quick, _, _ in query.compiled(connection).instances.converters
    }
    assert {uuid_from_hex, bool_from_int, date_from_text} <= used


def test_an_attribute_is_read_from_an_instances_dict_only_where_that_is_what_it_reads():
    class Shown:
        @property
        def country_id(self):
            return "shown"

    assert read_from_dict(Person, "country_id")  # a foreign key's deferred attribute
    assert read_from_dict(Person, "prepared_owner")  # an annotation: no class attribute
    assert not read_from_dict(Country, "name")  # modeltranslation's: the language's column
    assert not read_from_dict(Shown, "country_id")  # a property in front of the dict


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg's pipeline mode")
def test_a_trees_parts_are_sent_together_on_postgresql_unless_queries_are_watched(monkeypatch):
    mission = factories.full_mission()
    connection.ensure_connection()
    raw = type(connection.connection)
    opened = []
    original = raw.pipeline
    monkeypatch.setattr(raw, "pipeline", lambda self: opened.append(1) or original(self))
    sent_together = PUBLIC_PAGE.get(mission.slug)
    assert opened == [1]
    with CaptureQueriesContext(connection) as watched:
        one_by_one = PUBLIC_PAGE.get(mission.slug)
    assert opened == [1]  # each statement logged, one after another
    assert len(watched) == statement_count(PUBLIC_PAGE, one_by_one)
    assert parts(sent_together) == parts(one_by_one)
    assert PUBLIC_PAGE.get("no-such-mission") is None
