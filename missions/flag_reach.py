"""What a written row reaches among the flagged rows, and how a few of them are probed.

`public_flags` reads a written row's reach before the write and after it, widens it with
`widen()`, and sets the flags of those rows only with `probe()`, from `visibility.probed_*`.
"""

from django.db import transaction

from .models import (
    Assessment,
    Country,
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    Election,
    ElectionResult,
    ElectionRound,
    Meeting,
    MeetingCounterpart,
    Mission,
    MissionFigures,
    MissionPartner,
    MissionPhase,
    MissionSource,
    Organization,
    OrganizationMembership,
    Person,
    Recommendation,
    ReferendumQuestion,
    Region,
    ResultOutcome,
    SearchEntry,
    Visit,
)
from .visibility import named_organizations, probed_countries, probed_elections, probed_people

# The same definitions probed row by row, for a few candidates (organizations: already so).
PROBED = {
    Person: probed_people,
    Organization: named_organizations,
    Election: probed_elections,
    Country: probed_countries,
}
# Models no definition reads.
REACHING_NOTHING = [
    Assessment,
    DocumentFile,
    ElectionResult,
    ElectionRound,
    MissionFigures,
    MissionPhase,
    MissionSource,
    OrganizationMembership,
    Recommendation,
    ReferendumQuestion,
    ResultOutcome,
    SearchEntry,  # the search index's rows, deleted with signals
    Document.rounds.through,
]

ANCESTORS = ["parent_id", "parent__parent_id", "parent__parent__parent_id"]
# What a row of each model reaches: (flagged model, path from the row to its ids). A model
# missing here recomputes every flag.
REACH = {
    Person: [(Person, "pk"), (Country, "country_id")],
    Organization: [
        (Organization, "pk"),
        *((Organization, path) for path in ANCESTORS),
        (Country, "country_id"),
    ],
    Election: [(Election, "pk"), (Organization, "body_id"), (Country, "country_id")],
    Country: [(Country, "pk")],
    Region: [(Country, "country_id")],
    Mission: [
        (Person, "coordinator_id"),
        (Person, "delegations__members__person_id"),
        (Person, "meetings__counterparts__person_id"),
        (Person, "meetings__led_by_id"),
        (Person, "visits__observers"),
        (Person, "partners__head_id"),
        (Organization, "observer_body_id"),
        (Organization, "delegations__organization_id"),
        (Organization, "meetings__host_id"),
        (Organization, "election__body_id"),
        (Organization, "also_observed__body_id"),
        (Organization, "partners__organization_id"),
        (Organization, "documents__issuer_id"),
        (Organization, "documents__co_issuers"),
        (Election, "election_id"),
        (Election, "also_observed"),
        (Country, "delegations__country_id"),
        (Country, "visits__region__country_id"),
    ],
    Delegation: [
        (Person, "members__person_id"),
        (Organization, "organization_id"),
        (Country, "country_id"),
    ],
    DelegationMember: [(Person, "person_id")],
    Meeting: [
        (Person, "counterparts__person_id"),
        (Person, "led_by_id"),
        (Organization, "host_id"),
    ],
    MeetingCounterpart: [(Person, "person_id")],
    Visit: [(Person, "observers"), (Country, "region__country_id")],
    Visit.observers.through: [(Person, "person_id")],
    MissionPartner: [(Person, "head_id"), (Organization, "organization_id")],
    Document: [(Organization, "issuer_id"), (Organization, "co_issuers")],
    Document.co_issuers.through: [(Organization, "organization_id")],
    Mission.also_observed.through: [(Election, "election_id"), (Organization, "election__body_id")],
    **dict.fromkeys(REACHING_NOTHING, []),
}
# Above this many candidates of one model, its whole table is recomputed instead.
MOST_PROBED = 2000
CHUNK = 500  # ids per query (SQLite takes at most 999 parameters)


def widen(candidates):
    """Add what the candidates' flags feed: an organization's parents, everyone's country."""
    add_reach(candidates, Organization, set(candidates[Organization]), ANCESTORS)
    for model in (Person, Organization, Election):
        candidates[Country].update(select_ids(model, "country_id", candidates[model]))


def probe(model, pks):
    """Set the flags of rows `pks` of `model` to its definition's answer: one UPDATE of the
    rows whose flag differs from it."""
    connection = transaction.get_connection()
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        for chunk in chunks(pks):
            named, params = expanded(model, "probed", chunk)
            marks = ", ".join(["%s"] * len(chunk))
            sql = (
                f"UPDATE {table} SET is_public = NOT is_public "
                f"WHERE {key} IN ({marks}) AND is_public <> ({key} IN ({named}))"
            )
            cursor.execute(sql, [*chunk, *params])


def is_local(path):
    """Whether `path` is a column of the row itself (read from the saved object)."""
    return path == "pk" or ("__" not in path and path.endswith("_id"))


def add_saved(candidates, model, obj):
    """Add to `candidates` what the just saved `obj` names in its own columns."""
    for flagged, path in REACH[model]:
        if is_local(path):
            value = obj.pk if path == "pk" else getattr(obj, path)
            if value is not None:
                candidates[flagged].add(value)


def has_remote(model):
    return any(not is_local(path) for _, path in REACH[model])


def add_reach(candidates, model, pks, paths=None, *, remote_only=False):
    """Add to `candidates` what rows `pks` of `model` reach now (or by `paths` only, or by
    the paths through other rows only)."""
    for flagged, path in REACH[model]:
        if (paths is None or path in paths) and not (remote_only and is_local(path)):
            candidates[flagged].update(select_ids(model, path, pks))


def chunks(ids):
    ids = sorted(ids)
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]


_compiled = {}
SENTINEL = -739_104_262  # stands for the list of ids in the SQL compiled once


def select_ids(model, path, pks):
    """The ids at `path` from rows `pks` of `model` ("probed": those its definition names)."""
    found = set()
    with transaction.get_connection().cursor() as cursor:
        for chunk in chunks(pks):
            cursor.execute(*expanded(model, path, chunk))
            found.update(row[0] for row in cursor.fetchall() if row[0] is not None)
    return found


def expanded(model, path, ids):
    """(sql, params) selecting `path` from rows `ids` of `model`.

    The SQL is compiled once per database with one id, then its `IN (%s)` widened: the ORM
    took milliseconds to build each probe, more than the probe itself."""
    connection = transaction.get_connection()
    key = (connection.alias, model, path)
    if key not in _compiled:
        if path == "probed":
            rows = PROBED[model]().filter(pk__in=[SENTINEL]).values_list("pk")
        else:
            rows = model.objects.filter(pk__in=[SENTINEL]).values_list(path)
        sql, params = rows.order_by().query.sql_with_params()
        assert params.count(SENTINEL) == 1, (model, path)
        at = params.index(SENTINEL)
        before, after = split_at_placeholder(sql, at)
        _compiled[key] = (before, after, list(params[:at]), list(params[at + 1 :]))
    before, after, params_before, params_after = _compiled[key]
    marks = ", ".join(["%s"] * len(ids))
    return before + marks + after, [*params_before, *ids, *params_after]


def split_at_placeholder(sql, at):
    """The SQL before and after its placeholder number `at` (from 0)."""
    parts = sql.split("%s")
    return "%s".join(parts[: at + 1]), "%s".join(parts[at + 1 :])
