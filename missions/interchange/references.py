"""Where a mission document refers to countries, organizations and people: each yields
(path, value) in document order. The checks and the importer both walk them from here."""


def countries(document):
    mission = document["mission"]
    yield ["mission", "election", "country"], mission["election"]["country"]
    for key in ("organizations", "people", "delegations"):
        for i, entry in enumerate(document.get(key, [])):
            if "country" in entry:
                yield [key, i, "country"], entry["country"]


def organizations(document):
    mission = document["mission"]
    yield ["mission", "observer_body"], mission["observer_body"]
    if "body" in mission["election"]:
        yield ["mission", "election", "body"], mission["election"]["body"]
    for key, field in (("organizations", "parent"), ("delegations", "organization")):
        for i, entry in enumerate(document.get(key, [])):
            if field in entry:
                yield [key, i, field], entry[field]
    for i, meeting in enumerate(document.get("meetings", [])):
        if "host" in meeting:
            yield ["meetings", i, "host"], meeting["host"]


def people(document):
    mission = document["mission"]
    if "coordinator" in mission:
        yield ["mission", "coordinator"], mission["coordinator"]
    for i, delegation in enumerate(document.get("delegations", [])):
        for j, member in enumerate(delegation.get("members", [])):
            yield ["delegations", i, "members", j, "person"], member["person"]
    for i, meeting in enumerate(document.get("meetings", [])):
        for j, counterpart in enumerate(meeting.get("counterparts", [])):
            yield ["meetings", i, "counterparts", j, "person"], counterpart["person"]
        if "led_by" in meeting:
            yield ["meetings", i, "led_by"], meeting["led_by"]
    for i, visit in enumerate(document.get("visits", [])):
        for j, slug in enumerate(visit.get("observers", [])):
            yield ["visits", i, "observers", j], slug


def slugs(references):
    return {slug for _path, slug in references}
