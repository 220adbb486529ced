"""Small pieces the public pages share."""

import datetime

from django import template
from django.template.defaultfilters import date as format_date
from django.utils.html import format_html
from django.utils.translation import gettext as _

from missions import page_scope
from missions.models.bilingual import either

from .translated import tr

register = template.Library()


def time_tag(day, date_format):
    if type(day) is datetime.date:  # a day reads the same in every time zone
        return day_tag(day, date_format, page_scope.language())
    return made_tag(day, date_format)


@page_scope.memo(maxsize=8192)
def day_tag(day, date_format, language):
    """A day's <time> element in a language, kept: formatting a date costs 25 us each time,
    and a mission list shows forty of them."""
    return made_tag(day, date_format)


def made_tag(day, date_format):
    return format_html(
        '<time datetime="{}">{}</time>', format_date(day, "Y-m-d"), format_date(day, date_format)
    )


@register.simple_tag
def day_time(day, date_format="DATE_FORMAT"):
    """A <time> element of one day, as `time_tag` makes (and keeps) it."""
    return time_tag(day, date_format)


@register.simple_tag
def date_range(starts, ends, date_format="DATE_FORMAT", separator=" – "):
    """Two <time> elements from `starts` to `ends`, or one when both are the same day."""
    if not ends or ends == starts:
        return time_tag(starts, date_format)
    return format_html(
        "{}{}{}", time_tag(starts, date_format), separator, time_tag(ends, date_format)
    )


@register.filter
def file_kind(record):
    """A document file's kind as readers know it: PDF, DOCX, ODT."""
    return record.filename.rsplit(".", 1)[-1].upper() if "." in record.filename else ""


@register.simple_tag
def membership_line(membership):
    """ "Member of IPA CIS since 1 January 1992", the body linked, the dates as given."""
    body = format_html(
        '<a href="{}">{}</a>',
        membership.organization.get_absolute_url(),
        tr(
            membership.organization,
            "short_name" if either(membership.organization, "short_name") else "name",
        ),
    )
    since = time_tag(membership.since, "DATE_FORMAT") if membership.since else ""
    until = time_tag(membership.until, "DATE_FORMAT") if membership.until else ""
    if since and until:
        text = _("Member of {body} from {since} to {until}")
    elif since:
        text = _("Member of {body} since {since}")
    elif until:
        text = _("Member of {body} until {until}")
    else:
        text = _("Member of {body}")
    return format_html(text, body=body, since=since, until=until)
