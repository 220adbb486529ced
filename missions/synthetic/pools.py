"""The synthetic archive's marks and its shared records: people, regions, host bodies.

Every mission draws its observers, officials, regions and hosts from these pools, so people
recur across missions as members of parliament do.
"""

import uuid
from dataclasses import dataclass, field

from .. import models as m
from ..interchange.sync import Pending, after_writes
from .texts import FIRST_NAMES, HOSTS, LAST_NAMES

PREFIX = "synthetic-"
OBSERVER_BODY_SLUG = "synthetic-observers"
MEMBER_NATIONS = ["AM", "AZ", "BY", "KZ", "KG", "MD", "RU", "TJ", "UZ"]
REGION_PREFIX = "Synthetic region "
REGIONS_PER_COUNTRY = 12
BATCH = 1000  # rows per INSERT


@dataclass
class Pools:
    """Shared records the missions draw from: people by country, regions, host bodies."""

    observers: dict = field(default_factory=dict)  # country code -> [Person]
    officials: dict = field(default_factory=dict)  # country code -> [Person]
    regions: dict = field(default_factory=dict)  # country code -> [Region]
    hosts: dict = field(default_factory=dict)  # country code -> [Organization]
    countries: dict = field(default_factory=dict)  # code -> Country
    observer_body: m.Organization = None
    partner_body: m.Organization = None
    recommendations: list = field(default_factory=list)  # [(mission starts, Recommendation)]


def make_uid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def build_pools(rng, missions):
    pools = Pools()
    pools.countries = m.Country.objects.in_bulk(MEMBER_NATIONS, field_name="code")
    pools.observer_body = m.Organization.objects.create(
        slug=OBSERVER_BODY_SLUG,
        name="Synthetic Observer Assembly",
        short_name="SOA",
        kind=m.Organization.Kind.ASSEMBLY,
    )
    pools.partner_body = m.Organization.objects.create(
        slug=f"{PREFIX}partner-body",
        name="Synthetic Partner Observation Mission",
        kind=m.Organization.Kind.INTERNATIONAL,
    )
    m.OrganizationMembership.objects.bulk_create(
        m.OrganizationMembership(organization=pools.observer_body, country=country)
        for country in pools.countries.values()
    )
    # Enough observers per nation that people recur across missions, as MPs do.
    observers, officials = max(80, missions * 2), max(20, missions // 2)
    shared = Pending(batch_size=BATCH)
    for code in MEMBER_NATIONS:
        country = pools.countries[code]
        pools.observers[code] = make_people(rng, country, observers, "observer")
        pools.officials[code] = make_people(rng, country, officials, "official")
        pools.regions[code] = [
            m.Region(country=country, name=f"{REGION_PREFIX}{n:02d}", kind=m.Region.Kind.REGION)
            for n in range(1, REGIONS_PER_COUNTRY + 1)
        ]
        pools.hosts[code] = [
            m.Organization(
                slug=f"{PREFIX}{code.lower()}-{slug}",
                name=f"{name} of {country.name}",
                country=country,
                kind=kind,
            )
            for slug, name, kind in HOSTS
        ]
        for pool in (pools.observers, pools.officials, pools.regions, pools.hosts):
            for record in pool[code]:
                shared.add(record)
    after_writes(shared.write())
    return pools


def make_people(rng, country, count, role):
    code = country.code.lower()
    return [
        m.Person(
            slug=f"{PREFIX}{code}-{role}-{n:05d}",
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            country=country,
        )
        for n in range(1, count + 1)
    ]
