"""Labels for the recommendations database."""

from django import template
from django.utils.translation import gettext as _

from missions.models import Assessment

register = template.Library()


@register.filter
def status_label(value):
    """The label of an assessment status ("mostly" -> "mostly implemented"), or "not assessed"."""
    if not value:
        return _("not assessed yet")
    return Assessment.Status(value).label
