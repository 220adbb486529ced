"""Admin search over both languages: a term in `search_fields` that names a translated field
(`title`, `host__name`) searches its English and its Russian column, whatever language the
admin is shown in (modeltranslation alone would search only the active language's)."""

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator


def translated_fields(model):
    try:
        return translator.get_options_for_model(model).all_fields.keys()
    except NotRegistered:
        return ()


def expand(model, term):
    """["title_en", "title_ru"] for "title" on a translated model; [term] otherwise."""
    *path, last = term.split("__")
    for step in path:
        model = model._meta.get_field(step).related_model
    if last not in translated_fields(model):
        return [term]
    prefix = "__".join(path + [""])
    return [f"{prefix}{last}_{code}" for code, _name in settings.LANGUAGES]


class SearchBothLanguages:
    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        return [expanded for term in fields for expanded in expand(self.model, term)]


class FieldsetsOnly:
    """modeltranslation copies a custom form's Meta.fields onto `fields` on first use, which
    Django's checks then refuse beside `fieldsets` (admin.E005): keep `fields` as declared."""

    def _get_declared_fieldsets(self, request, obj=None):
        declared = self.fields
        try:
            return super()._get_declared_fieldsets(request, obj)
        finally:
            self.fields = declared
