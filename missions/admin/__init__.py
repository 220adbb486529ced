"""The staff's admin, one module per concept; history registration comes first."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import history  # noqa: F401  (registers models with django-reversion)
from . import activities, delegations, elections, missions, people, places  # noqa: F401

admin.site.site_header = _("Election Observation Archive")
admin.site.site_title = _("Observation archive staff")
admin.site.index_title = _("Dashboard")
admin.site.index_template = "admin/missions_index.html"
