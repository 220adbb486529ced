"""Fill the new translation columns: the English ones from the existing text, and the
Russian country names from pycountry's ISO 3166-1 catalogue."""

import gettext

import pycountry
from django.db import migrations
from django.db.models import F

# English column <- existing column, for every translated field.
TRANSLATED = {
    "Country": ["name"],
    "Organization": ["name", "short_name"],
    "Election": ["name"],
    "Mission": ["title", "summary"],
    "DelegationMember": ["position"],
    "Meeting": ["place", "summary"],
    "MeetingCounterpart": ["position"],
    "Visit": ["notes"],
    "Document": ["title", "findings", "body"],
}

# Where the short Russian name used in the assembly's documents differs from the catalogue's.
RUSSIAN_OVERRIDES = {
    "KG": "Кыргызстан",
    "MD": "Молдова",
    "US": "Соединённые Штаты",
}


def fill_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("missions", model_name)
        for field in fields:
            model.objects.filter(**{f"{field}_en__isnull": True}).update(
                **{f"{field}_en": F(field)}
            )


def russian_country_name(code, catalogue):
    if code in RUSSIAN_OVERRIDES:
        return RUSSIAN_OVERRIDES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return ""
    return catalogue.gettext(getattr(country, "common_name", country.name))


def fill_country_names(apps, schema_editor):
    Country = apps.get_model("missions", "Country")
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    for country in Country.objects.filter(name_ru__isnull=True):
        country.name_ru = russian_country_name(country.code, catalogue) or None
        country.save(update_fields=["name_ru"])


class Migration(migrations.Migration):
    dependencies = [("missions", "0005_translations")]

    operations = [
        migrations.RunPython(fill_english, migrations.RunPython.noop),
        migrations.RunPython(fill_country_names, migrations.RunPython.noop),
    ]
