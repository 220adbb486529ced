"""What text each kind of record is found by: one line per field, one block per kind.

A part names a column of the index entry and a lookup from the record: `heading` for
titles and names (ranked highest), `en` and `ru` for the rest of the text in each
language. Lookups may cross relations; the builder reads each relation in one query.
To search a new field, add a line; to search a new kind of record, add a `Source`.
"""

from dataclasses import dataclass

from missions.models import Document, Mission, Organization, Person
from missions.visibility import (
    public_documents,
    public_missions,
    public_organizations,
    public_people,
)

from .models import SearchEntry

HEADING, EN, RU = "heading", "body_en", "body_ru"


@dataclass(frozen=True)
class Part:
    column: str
    path: str


def heading(path):
    return Part(HEADING, path)


def en(path):
    return Part(EN, path)


def ru(path):
    return Part(RU, path)


@dataclass(frozen=True)
class Source:
    """One kind of search result: its model, the gate that says what is public, its text."""

    kind: str
    model: type
    public: object  # a function returning the public queryset of `model`
    parts: tuple
    mission: str = ""  # lookup of the owning mission, for kinds that belong to one


MISSION = Source(
    SearchEntry.Kind.MISSION,
    Mission,
    public_missions,
    mission="pk",
    parts=(
        heading("title_en"),
        heading("title_ru"),
        heading("election__name_en"),
        heading("election__name_ru"),
        en("summary_en"),
        ru("summary_ru"),
        en("election__country__name_en"),
        ru("election__country__name_ru"),
        en("observer_body__name_en"),
        ru("observer_body__name_ru"),
        en("observer_body__short_name_en"),
        ru("observer_body__short_name_ru"),
        en("coordinator__name"),
        ru("coordinator__name_original"),
        en("documents__title_en"),
        ru("documents__title_ru"),
        en("documents__findings_en"),
        ru("documents__findings_ru"),
        en("documents__body_en"),
        ru("documents__body_ru"),
        en("meetings__place_en"),
        ru("meetings__place_ru"),
        en("meetings__summary_en"),
        ru("meetings__summary_ru"),
        en("meetings__host__name_en"),
        ru("meetings__host__name_ru"),
        en("meetings__host__short_name_en"),
        ru("meetings__host__short_name_ru"),
        en("meetings__led_by__name"),
        ru("meetings__led_by__name_original"),
        en("meetings__counterparts__person__name"),
        ru("meetings__counterparts__person__name_original"),
        en("meetings__counterparts__position_en"),
        ru("meetings__counterparts__position_ru"),
        en("delegations__country__name_en"),
        ru("delegations__country__name_ru"),
        en("delegations__organization__name_en"),
        ru("delegations__organization__name_ru"),
        en("delegations__members__person__name"),
        ru("delegations__members__person__name_original"),
        en("delegations__members__position_en"),
        ru("delegations__members__position_ru"),
        en("visits__region__name"),
        ru("visits__region__name_ru"),
        en("visits__notes_en"),
        ru("visits__notes_ru"),
        en("recommendations__text_en"),
        ru("recommendations__text_ru"),
        en("recommendations__addressee_en"),
        ru("recommendations__addressee_ru"),
    ),
)

DOCUMENT = Source(
    SearchEntry.Kind.DOCUMENT,
    Document,
    public_documents,
    mission="mission_id",
    parts=(
        heading("title_en"),
        heading("title_ru"),
        en("findings_en"),
        ru("findings_ru"),
        en("body_en"),
        ru("body_ru"),
        en("recommendations__text_en"),
        ru("recommendations__text_ru"),
    ),
)

PERSON = Source(
    SearchEntry.Kind.PERSON,
    Person,
    public_people,
    parts=(heading("name"), heading("name_original")),
)

ORGANIZATION = Source(
    SearchEntry.Kind.ORGANIZATION,
    Organization,
    public_organizations,
    parts=(
        heading("name_en"),
        heading("name_ru"),
        heading("short_name_en"),
        heading("short_name_ru"),
    ),
)

SOURCES = (MISSION, DOCUMENT, PERSON, ORGANIZATION)
BY_KIND = {source.kind: source for source in SOURCES}
BY_MODEL = {source.model: source for source in SOURCES}


def relation_of(model, path):
    """The lookup up to the last many-valued relation of `path` ('' if none), and the
    models the path passes through with the lookup that reaches each."""
    hops = path.split("__")[:-1]
    group, reached, current = "", [], model
    for depth, name in enumerate(hops):
        field = current._meta.get_field(name)
        current = field.related_model
        lookup = "__".join(hops[: depth + 1])
        reached.append((current, lookup))
        if field.many_to_many or field.one_to_many:
            group = lookup
    return group, reached


def build_texts(source, ids):
    """{record id: {column: text}} for the given records, one query per relation group."""
    groups = {}
    for part in source.parts:
        group, _reached = relation_of(source.model, part.path)
        groups.setdefault(group, []).append(part)
    texts = {pk: {HEADING: {}, EN: {}, RU: {}} for pk in ids}
    for group, parts in groups.items():
        order = ["pk", f"{group}__pk"] if group else ["pk"]
        rows = (
            source.model.objects.filter(pk__in=ids)
            .order_by(*order)
            .values_list("pk", *(part.path for part in parts))
        )
        for pk, *values in rows:
            for part, value in zip(parts, values, strict=True):
                if value:
                    texts[pk][part.column][value.strip()] = None  # ordered, each once
    return {
        pk: {column: "\n".join(values) for column, values in columns.items()}
        for pk, columns in texts.items()
    }


def missions_naming(model, ids):
    """Missions whose text includes a field of these records (through any part's path)."""
    from django.db.models import Q

    if model is Mission:
        return Mission.objects.filter(pk__in=ids)
    condition = Q()
    for part in MISSION.parts:
        for reached, lookup in relation_of(Mission, part.path)[1]:
            if reached is model:
                condition |= Q(**{f"{lookup}__in": ids})
    if not condition:
        return Mission.objects.none()
    return Mission.objects.filter(condition).distinct()


def records_named(missions, model):
    """Ids of `model` records the text of these missions reaches."""
    lookups = {
        lookup
        for part in MISSION.parts
        for reached, lookup in relation_of(Mission, part.path)[1]
        if reached is model
    }
    found = set()
    for lookup in sorted(lookups):
        found.update(
            Mission.objects.filter(pk__in=missions, **{f"{lookup}__isnull": False}).values_list(
                lookup, flat=True
            )
        )
    return found
