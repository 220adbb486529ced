"""Load every ISO 3166-1 country, so documents can name countries by code alone."""

import pycountry
from django.db import migrations


def load_countries(apps, schema_editor):
    Country = apps.get_model("missions", "Country")
    existing = set(Country.objects.values_list("code", flat=True))
    Country.objects.bulk_create(
        Country(code=c.alpha_2, name=getattr(c, "common_name", c.name))
        for c in pycountry.countries
        if c.alpha_2 not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("missions", "0001_initial")]

    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
