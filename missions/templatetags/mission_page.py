"""The mission page's rows built in Python: one call per row where the template spent a dozen
tag and variable lookups (members are the page's longest list). Each gives the same markup the
template did; the variable parts are escaped, as `{{ }}` escapes them."""

from functools import cache

from django import template
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .links import person_link
from .translated import tr

register = template.Library()


@cache
def choice_labels(model, field_name, language):
    """{value: label} of a field's choices in one language, translated once per process
    (get_FOO_display() builds a dict of every lazy label, translating each, on every call)."""
    return {value: str(label) for value, label in model._meta.get_field(field_name).flatchoices}


@register.filter
def display(record, field_name):
    """What `record.get_<field>_display()` gives, from the labels translated once."""
    value = getattr(record, field_name)
    labels = choice_labels(type(record), field_name, get_language())
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def round_number(round_):
    """ "round 2", as {% blocktranslate %} gives it: the number escaped, the message not."""
    return mark_safe(
        _("round %(number)s") % {"number": conditional_escape(localize(round_.number))}
    )  # noqa: S308


@register.simple_tag
def member_line(member):
    """A delegation member: linked name, role, position, group and round."""
    parts = [
        format_html(
            '{} — <span class="role">{}</span>',
            person_link(member.person),
            display(member, "role"),
        )
    ]
    if member.position_en or member.position_ru:
        parts.append(format_html('<span class="position">, {}</span>', tr(member, "position")))
    if member.group:
        parts.append(format_html(' <span class="group">({})</span>', member.group))
    if member.round:
        parts.append(
            format_html(' <span class="member-round">({})</span>', round_number(member.round))
        )
    return mark_safe("".join(parts))  # noqa: S308  (each part built by format_html)
