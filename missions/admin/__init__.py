"""The staff's admin, one module per concept; each module registers its models."""

from functools import partial

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import (  # noqa: F401
    activities,
    delegations,
    elections,
    grammar,
    history,
    missions,
    people,
    places,
)
from .choices import autocomplete_view

admin.site.site_header = _("Election Observation Archive")
admin.site.site_title = _("Observation archive staff")
admin.site.index_title = _("Dashboard")
admin.site.index_template = "admin/missions_index.html"
# Autocomplete results labelled in full where an admin says how (see choices.py).
admin.site.autocomplete_view = partial(autocomplete_view, admin.site)
