"""Helpers to post admin change forms with their inline formsets."""

MISSION_INLINES = (
    "partners",
    "phases",
    "figures",
    "delegations",
    "meetings",
    "visits",
    "documents",
    "sources",
)


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


def posted_as_shown(response):
    """The POST data of an admin change form, its inlines included, exactly as it was shown."""
    context = response.context
    forms = [context["adminform"].form]
    for inline in context.get("inline_admin_formsets") or []:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, (list, tuple)):
                value = [str(getattr(item, "pk", item)) for item in value]
            else:
                value = str(getattr(value, "pk", value))
            data[form.add_prefix(name)] = value
    return data
