"""What the public may see: published missions and whatever they reach, nothing else.

Every public view starts from one of these querysets. A person, organization,
election, region or country that only a draft or a mission in review mentions
is absent from all of them, so its page is a 404 and it is in no list.
Each function returns one queryset built from subqueries: no query runs until
it is evaluated.
"""

from django.db.models import Q

from .models import (
    Country,
    Delegation,
    DelegationMember,
    Document,
    Election,
    Meeting,
    MeetingCounterpart,
    Mission,
    Organization,
    Person,
    Region,
    Visit,
)

PUBLISHED = Mission.Status.PUBLISHED


def public_missions():
    return Mission.objects.published()


def public_delegations():
    return Delegation.objects.filter(mission__status=PUBLISHED)


def public_meetings():
    return Meeting.objects.filter(mission__status=PUBLISHED)


def public_visits():
    return Visit.objects.filter(mission__status=PUBLISHED)


def public_documents():
    return Document.objects.filter(mission__status=PUBLISHED)


def public_elections():
    return Election.objects.filter(pk__in=public_missions().values("election_id"))


def public_people():
    return Person.objects.filter(
        Q(pk__in=public_missions().values("coordinator_id"))
        | Q(
            pk__in=DelegationMember.objects.filter(delegation__mission__status=PUBLISHED).values(
                "person_id"
            )
        )
        | Q(
            pk__in=MeetingCounterpart.objects.filter(meeting__mission__status=PUBLISHED).values(
                "person_id"
            )
        )
        | Q(pk__in=public_meetings().values("led_by_id"))
        | Q(
            pk__in=Visit.observers.through.objects.filter(visit__mission__status=PUBLISHED).values(
                "person_id"
            )
        )
    )


def _organizations_named():
    """Organizations a published mission names directly."""
    return Organization.objects.filter(
        Q(pk__in=public_missions().values("observer_body_id"))
        | Q(pk__in=public_delegations().values("organization_id"))
        | Q(pk__in=public_meetings().values("host_id"))
        | Q(pk__in=public_elections().values("body_id"))
    ).values("pk")


def public_organizations():
    """Organizations named by a published mission, and their parents up to three levels.

    Parents are shown (and linked) on an organization's page, so they are reachable too.
    """
    named = _organizations_named()
    parents = Organization.objects.filter(pk__in=named).values("parent_id")
    grandparents = Organization.objects.filter(pk__in=parents).values("parent_id")
    great_grandparents = Organization.objects.filter(pk__in=grandparents).values("parent_id")
    return Organization.objects.filter(
        Q(pk__in=named) | Q(pk__in=parents) | Q(pk__in=grandparents) | Q(pk__in=great_grandparents)
    )


def public_regions():
    return Region.objects.filter(pk__in=public_visits().values("region_id"))


def public_countries():
    """Countries that hosted or sent observers to a published mission, or that a
    public person, organization or region belongs to."""
    return Country.objects.filter(
        Q(pk__in=public_elections().values("country_id"))
        | Q(pk__in=public_delegations().values("country_id"))
        | Q(pk__in=public_people().values("country_id"))
        | Q(pk__in=public_organizations().values("country_id"))
        | Q(pk__in=public_regions().values("country_id"))
    )
