"""Search's gate for a few ids says what the whole gate says, drafts and parents included."""

import pytest

from missions.models import Mission, Organization, SearchEntry
from missions.search.query import public_records
from missions.visibility import public_organizations

from . import factories

pytestmark = pytest.mark.django_db


def chain(tag, levels):
    """Organizations each the parent of the next, the top one first."""
    parent, made = None, []
    for level in range(levels):
        parent = factories.organization(slug=f"{tag}-{level}", parent=parent)
        made.append(parent)
    return made


def test_organizations_among_ids_are_the_public_ones_with_their_parents():
    published = chain("pub", 5)  # named at the bottom: the three levels above are public too
    factories.mission(observer_body=published[-1])
    drafted = chain("draft", 2)
    factories.mission(observer_body=drafted[-1], status=Mission.Status.DRAFT)
    factories.organization(slug="unnamed")
    ids = list(Organization.objects.values_list("pk", flat=True))

    public = set(public_organizations().values_list("pk", flat=True))
    among = {organization.pk for organization in public_records(SearchEntry.Kind.ORGANIZATION, ids)}

    assert among == public
    assert published[0].pk not in among  # four levels up: beyond the parents shown
    assert {o.pk for o in published[1:]} <= among
    assert not {o.pk for o in drafted} & among


def test_organizations_among_a_few_ids_are_only_those():
    published = chain("pub", 3)
    factories.mission(observer_body=published[-1])
    drafted = chain("draft", 1)
    factories.mission(observer_body=drafted[0], status=Mission.Status.DRAFT)

    found = public_records(SearchEntry.Kind.ORGANIZATION, [published[0].pk, drafted[0].pk])

    assert [organization.slug for organization in found] == ["pub-0"]
