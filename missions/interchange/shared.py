"""Shared records (people, organizations, elections, regions): which missions use one, and
how a change to one is named in a document and in a report (contract, changed rule 1)."""

import datetime

from django.db.models import Q

from missions.models import Election, Mission, Organization, Person, Region

# How many other missions a refusal names before "...".
NAMED_MISSIONS = 5


def using(record):
    """Q of the missions that use a shared record, directly or through their parts."""
    if isinstance(record, Organization):
        return (
            Q(observer_body=record)
            | Q(election__body=record)
            | Q(delegations__organization=record)
            | Q(delegations__partner=record)
            | Q(meetings__host=record)
            | Q(partners__organization=record)
            | Q(documents__issuer=record)
            | Q(documents__co_issuers=record)
        )
    if isinstance(record, Person):
        return (
            Q(coordinator=record)
            | Q(delegations__members__person=record)
            | Q(meetings__counterparts__person=record)
            | Q(meetings__led_by=record)
            | Q(partners__head=record)
        )
    if isinstance(record, Election):
        return Q(election=record) | Q(also_observed=record)
    if isinstance(record, Region):
        return Q(visits__region=record)
    raise TypeError(record)


def other_missions(record, mission_slug):
    """Slugs of the missions other than `mission_slug` that use `record`, sorted."""
    if record.pk is None:
        return []
    missions = Mission.objects.filter(using(record)).exclude(slug=mission_slug or "")
    return sorted(set(missions.values_list("slug", flat=True)))


def key_name(field):
    """The document key of a model field: name_en is `name`, country_id is `country`."""
    if field.endswith("_en"):
        return field[:-3]
    if field.endswith("_id"):
        return field[:-3]
    return field


def shown(record, field, value):
    """A stored or given value as a document writes it (a related record by its key)."""
    if field.endswith("_id") and value is not None:
        model = record._meta.get_field(field[:-3]).related_model
        return model.objects.get(pk=value).natural_key()[0]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else value


def label(record):
    """A shared record as a report names it: its kind and natural key."""
    key = "/".join(str(part) for part in record.natural_key())
    return f"{record._meta.verbose_name} {key}"


def missions_text(slugs):
    named = ", ".join(slugs[:NAMED_MISSIONS])
    return named + (", ..." if len(slugs) > NAMED_MISSIONS else "")
