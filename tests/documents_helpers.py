"""Shared helpers for the mission document tests."""

from pathlib import Path

from django.apps import apps

from missions.interchange import Source, import_sources
from missions.models import (
    Assessment,
    Election,
    Mission,
    Organization,
    OrganizationMembership,
    Person,
    Region,
)
from missions.public_flags import batched_flags

SEED_PATH = Path(__file__).resolve().parent.parent / "missions" / "fixtures" / "kz-senate-2017.yaml"
SEED = SEED_PATH.read_text(encoding="utf-8")


def import_text(text, name="kz.yaml", **kwargs):
    return import_sources([Source(name, text)], **kwargs)


def row_counts():
    """Rows of every installed model, to prove that nothing at all was written."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def empty_database():
    """Remove every mission and everything a document creates (countries stay, as migrated);
    the stored flags are recomputed once at the end, as a script deleting many rows should."""
    with batched_flags():
        Assessment.objects.all().delete()  # they protect the recommendations they assess
        Mission.objects.all().delete()
        Election.objects.all().delete()
        Region.objects.all().delete()
        Organization.objects.update(parent=None)
        Organization.objects.all().delete()
        Person.objects.all().delete()
        OrganizationMembership.objects.all().delete()
