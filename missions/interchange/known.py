"""The shared records the documents of one import run refer to, read once at its start, and
the importer's look-ups of them by key."""

from missions.models import Country, Election, Mission, Organization, Person, Region

from . import references
from .report import UNCHANGED


class KnownRecords:
    """The shared records every document of a run refers to, read in a few queries at the start
    and kept up to date as the run creates more: countries, organizations, people, regions,
    elections and missions, by natural key."""

    def __init__(self, documents):
        organizations, people = set(), set()
        for document in documents:
            organizations |= references.slugs(references.organizations(document))
            organizations |= {o["slug"] for o in document.get("organizations", [])}
            people |= references.slugs(references.people(document))
            people |= {p["slug"] for p in document.get("people", [])}
        missions = [d["mission"] for d in documents]
        elections = {m["election"]["slug"] for m in missions}
        elections |= {e["slug"] for m in missions for e in m.get("also_observed", [])}
        self.countries = {country.code: country for country in Country.objects.all()}
        self.organizations = Organization.objects.in_bulk(organizations, field_name="slug")
        self.people = Person.objects.in_bulk(people, field_name="slug")
        self.elections = Election.objects.in_bulk(elections, field_name="slug")
        self.missions = Mission.objects.in_bulk({m["slug"] for m in missions}, field_name="slug")
        hosts = {m["election"]["country"] for m in missions}
        hosts |= {v["country"] for d in documents for v in d.get("visits", []) if "country" in v}
        self.regions = {
            (region.country_id, region.name): region
            for region in Region.objects.filter(country__code__in=hosts)
        }


class SharedLookups:
    """The importer's look-ups of shared records by key in its `known` records (reading one
    the run has not met yet); a country used is counted in its `tally` once."""

    def country(self, code):
        countries = self.known.countries
        if code not in countries:
            countries[code] = Country.objects.get(code=code)
        if code not in self.countries_used:
            self.countries_used.add(code)
            self.tally.record(countries[code], UNCHANGED)
        return countries[code]

    def country_id(self, entry):
        return self.country(entry["country"]).pk if "country" in entry else None

    def organization_id(self, slug):
        return self.shared_id(self.known.organizations, Organization, slug)

    def person_id(self, slug):
        return self.shared_id(self.known.people, Person, slug)

    @staticmethod
    def shared_id(known, model, slug):
        if slug is None:
            return None
        if slug not in known:
            known[slug] = model.objects.get(slug=slug)
        return known[slug].pk
