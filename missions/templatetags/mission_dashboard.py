"""The admin index's dashboard: what needs attention and what is coming."""

from django import template

from missions.models import Mission

register = template.Library()

ROWS = 8


@register.inclusion_tag("admin/includes/mission_dashboard.html")
def mission_dashboard():
    missions = Mission.objects.select_related("election", "election__country")
    return {
        "drafts": missions.filter(status=Mission.Status.DRAFT).order_by("-updated_at")[:ROWS],
        "in_review": missions.filter(status=Mission.Status.REVIEW).order_by("-updated_at")[:ROWS],
        "published": missions.published()
        .select_related("published_by")
        .order_by("-published_at")[:ROWS],
        "upcoming": missions.upcoming().order_by("starts")[:ROWS],
    }
