"""Helpers to post admin change forms with their inline formsets."""

MISSION_INLINES = ("delegations", "meetings", "visits", "documents")


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def mission_post(election, observer_body, **overrides):
    data = {
        "title_en": "Observation of the presidential election",
        "slug": "kz-president-2019",
        "election": str(election.pk),
        "observer_body": str(observer_body.pk),
        "monitoring": "short-term",
        "starts": "2017-06-27",
        "ends": "2017-06-29",
        "coordinator": "",
        "summary_en": "",
        "status": "draft",
    }
    for prefix in MISSION_INLINES:
        data.update(management(prefix))
    data.update(overrides)
    return data


def existing_mission_post(mission, **overrides):
    """The change form as it stands, with every existing part posted unchanged."""
    data = mission_post(
        mission.election,
        mission.observer_body,
        title_en=mission.title_en or "",
        slug=mission.slug,
        monitoring=mission.monitoring,
        starts=mission.starts.isoformat(),
        ends=mission.ends.isoformat(),
        coordinator=str(mission.coordinator_id or ""),
        summary_en=mission.summary_en or "",
        status=mission.status,
    )
    for delegation_form, delegation in enumerate(mission.delegations.all()):
        prefix = f"delegations-{delegation_form}"
        data.update(
            {
                f"{prefix}-id": str(delegation.pk),
                f"{prefix}-mission": str(mission.pk),
                f"{prefix}-country": str(delegation.country_id or ""),
                f"{prefix}-organization": str(delegation.organization_id or ""),
                f"{prefix}-order": str(delegation.order),
            }
        )
    data.update(management("delegations", mission.delegations.count(), mission.delegations.count()))
    for index, meeting in enumerate(mission.meetings.all()):
        prefix = f"meetings-{index}"
        data.update(
            {
                f"{prefix}-id": str(meeting.pk),
                f"{prefix}-mission": str(mission.pk),
                f"{prefix}-date": meeting.date.isoformat(),
                f"{prefix}-kind": meeting.kind,
                f"{prefix}-host": str(meeting.host_id or ""),
                f"{prefix}-place_en": meeting.place_en or "",
                f"{prefix}-led_by": str(meeting.led_by_id or ""),
                f"{prefix}-order": str(meeting.order),
            }
        )
    data.update(management("meetings", mission.meetings.count(), mission.meetings.count()))
    data.update(overrides)
    return data
