"""Links to records as every page shows them, built in Python: the markup of
includes/person_link.html, sender_link.html and region_link.html, without an include (a
template lookup and a context push) per row."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from .translated import tr

register = template.Library()


@register.simple_tag
def person_link(person):
    """The person's name linked to their page, the other spelling beside it."""
    link = format_html('<a href="{}">{}</a>', person.get_absolute_url(), person.local_name)
    other = person.other_name
    if not other:
        return link
    return format_html(
        '{} <span class="original" lang="{}">({})</span>', link, person.other_name_language, other
    )


@register.simple_tag
def sender_link(delegation):
    """The country or organization that sent a delegation, linked to its page."""
    sender = delegation.country or delegation.organization
    return format_html('<a href="{}">{}</a>', sender.get_absolute_url(), tr(sender, "name"))


@register.simple_tag
def region_link(region):
    """A region linked to its page (with the newline region_link.html ends in)."""
    url = reverse("missions:region_detail", kwargs={"pk": region.pk})
    return format_html('<a href="{}">{}</a>\n', url, tr(region, "name"))
