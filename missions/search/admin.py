"""The admin's part in keeping the index current: every save and delete updates it."""

from .index import merged, search_affected, search_index_update


class SearchIndexedAdmin:
    """Mixed into every ModelAdmin of the app (tests/test_search_index.py checks)."""

    def save_model(self, request, obj, form, change):
        # What the record named before the save (a member removed leaves a person behind).
        request.search_before = search_affected(self.model, [obj]) if obj.pk else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "search_before", {})
        search_index_update(**merged(before, search_affected(self.model, [form.instance])))

    def delete_model(self, request, obj):
        affected = search_affected(self.model, [obj])
        super().delete_model(request, obj)
        search_index_update(**affected)

    def delete_queryset(self, request, queryset):
        affected = search_affected(self.model, queryset)
        super().delete_queryset(request, queryset)
        search_index_update(**affected)
