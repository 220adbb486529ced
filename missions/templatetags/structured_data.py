"""schema.org JSON-LD for a mission page: an Event, in a script the CSP nonce allows."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..models.bilingual import either

register = template.Library()

# Characters that could close the script element or open a comment, as JSON escapes.
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def mission_event(mission, absolute):
    """The mission as a schema.org Event; `absolute` turns a path into an address."""
    election = mission.election
    country = election.country
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(mission),
        "description": either(mission, "summary")[:500],
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
            "name": either(mission.observer_body, "name"),
            "url": absolute(mission.observer_body.get_absolute_url()),
        },
        "about": {
            "@type": "Event",
            "name": either(election, "name"),
            "startDate": election.voting_day.isoformat(),
        },
        "subjectOf": [
            {
                "@type": "CreativeWork",
                "name": either(document, "title"),
                "datePublished": document.date.isoformat(),
                **({"url": document.url} if document.url else {}),
            }
            for document in mission.documents.all()
        ],
    }


@register.simple_tag(takes_context=True)
def mission_jsonld(context, mission):
    request = context["request"]
    data = json.dumps(mission_event(mission, request.build_absolute_uri), ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        context.get("csp_nonce", ""),
        mark_safe(data.translate(SCRIPT_ESCAPES)),  # noqa: S308  (escaped for a script above)
    )
