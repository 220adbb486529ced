"""Either language may be the original: a translated text needs its English or its Russian."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = ("en", "ru")


def either(record, field):
    """The text in the active language, else in whichever language it exists ("" if none)."""
    value = getattr(record, field, "") or ""
    if value:
        return value
    for code in LANGUAGE_CODES:
        value = getattr(record, f"{field}_{code}", "") or ""
        if value:
            return value
    return ""


def missing_languages(record, fields):
    """Errors keyed by `<field>_en` for each field with neither its English nor its Russian."""
    return {
        f"{field}_en": _("Give this text in English or in Russian (at least one).")
        for field in fields
        if not any(
            (getattr(record, f"{field}_{code}", "") or "").strip() for code in LANGUAGE_CODES
        )
    }


def require_one_language(record, fields):
    """Raise unless every field has its English or its Russian."""
    errors = missing_languages(record, fields)
    if errors:
        raise ValidationError(errors)
