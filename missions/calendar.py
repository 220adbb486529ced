"""The upcoming and current missions as an iCalendar feed: one event per mission, one per
voting day of the elections they observe (built with the `icalendar` package)."""

import datetime

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models.bilingual import either
from .visibility import public_missions

DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def upcoming_missions():
    return (
        public_missions()
        .upcoming(today())
        .select_related("election__country")
        .prefetch_related("election__rounds")
        .order_by("starts", "slug")
    )


def voting_days(election):
    """(number or None, day) of each round, or the election's voting day if it has none."""
    rounds = sorted(election.rounds.all(), key=lambda r: r.number)
    return [(r.number, r.voting_day) for r in rounds] or [(None, election.voting_day)]


def day_event(uid, summary, first, last, url, location):
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", last + DAY)  # all-day events end on the following day
    event.add("dtstamp", timezone.now())
    event.add("url", url)
    event.add("location", location)
    return event


def mission_calendar(request):
    calendar = Calendar()
    calendar.add("prodid", "-//Election Observation Archive//upcoming missions//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Upcoming and current missions"))
    host = request.get_host()
    for mission in upcoming_missions():
        election = mission.election
        url = request.build_absolute_uri(mission.get_absolute_url())
        place = election.country.name
        calendar.add_component(
            day_event(
                f"mission-{mission.slug}@{host}",
                str(mission),
                mission.starts,
                mission.ends,
                url,
                place,
            )
        )
        for number, day in voting_days(election):
            label = _("Voting day: %(election)s") % {"election": either(election, "name")}
            if number and number > 1:
                label += " " + _("(round %(number)s)") % {"number": number}
            uid = f"voting-{election.slug}-{number or 1}-{mission.slug}@{host}"
            calendar.add_component(day_event(uid, label, day, day, url, place))
    return calendar


def upcoming_ics(request):
    """/<lang>/missions/upcoming.ics"""
    with translation.override(request.LANGUAGE_CODE):
        body = mission_calendar(request).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="upcoming-missions.ics"'
    return response
