"""Links to records as every page shows them, built in Python: the markup of
includes/person_link.html, sender_link.html and region_link.html, without an include (a
template lookup and a context push) per row."""

from django import template
from django.utils.safestring import SafeString

from ..models.people import spelling_language
from ..routes import one_value_path
from .translated import esc, tr

register = template.Library()


@register.simple_tag
def person_link(person):
    """The person's name linked to their page, the other spelling beside it."""
    local, other = person.shown_names()
    link = f'<a href="{esc(person.get_absolute_url())}">{esc(local)}</a>'
    if other:
        link += f' <span class="original" lang="{spelling_language(other)}">({esc(other)})</span>'
    return SafeString(link)  # every part escaped


@register.simple_tag
def sender_link(delegation):
    """The country or organization that sent a delegation, linked to its page."""
    sender = delegation.country or delegation.organization
    return SafeString(f'<a href="{esc(sender.get_absolute_url())}">{esc(tr(sender, "name"))}</a>')


@register.simple_tag
def region_link(region):
    """A region linked to its page (with the newline region_link.html ends in)."""
    url = one_value_path("missions:region_detail", "pk", region.pk)
    return SafeString(f'<a href="{esc(url)}">{esc(tr(region, "name"))}</a>\n')
