"""schema.org JSON-LD for a mission page: an Event, in a script the CSP nonce allows."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .translated import active_language, language_of, text_in

register = template.Library()

ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(data, ensure_ascii=False)


def either(record, field, language):
    """models.bilingual.either in the active `language` (its text, else English's, else
    Russian's), read from each language's field: modeltranslation's descriptor is ~5 us a read."""
    return text_in(record, field, language_of(record, field, language))


def script_safe(data):
    """JSON with the characters that could close the script element or open a comment escaped."""
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def mission_event(mission, absolute):
    """The mission as a schema.org Event; `absolute` turns a path into an address."""
    election = mission.election
    country = election.country
    language = active_language()
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": either(mission, "title", language) or mission.slug,  # str(mission)
        "description": either(mission, "summary", language)[:500],
        "startDate": mission.starts.isoformat(),
        "endDate": mission.ends.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": absolute(mission.get_absolute_url()),
        "location": {
            "@type": "Place",
            "name": country.name,
            "address": {"@type": "PostalAddress", "addressCountry": country.code},
        },
        "organizer": {
            "@type": "Organization",
            "name": either(mission.observer_body, "name", language),
            "url": absolute(mission.observer_body.get_absolute_url()),
        },
        "about": {
            "@type": "Event",
            "name": either(election, "name", language),
            "startDate": election.voting_day.isoformat(),
        },
        "subjectOf": [
            {
                "@type": "CreativeWork",
                "name": either(document, "title", language),
                "datePublished": document.date.isoformat(),
                **({"url": document.url} if document.url else {}),
            }
            for document in mission.documents.all()
        ],
    }


@register.simple_tag(takes_context=True)
def mission_jsonld(context, mission):
    request = context["request"]
    data = ENCODER.encode(mission_event(mission, request.build_absolute_uri))
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        context.get("csp_nonce", ""),
        mark_safe(script_safe(data)),  # noqa: S308  (escaped for a script above)
    )
