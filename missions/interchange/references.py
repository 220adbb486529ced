"""Where a mission document refers to countries, organizations and people: each yields
(path, value) in document order. The checks and the importer both walk them from here."""


def countries(document):
    mission = document["mission"]
    yield ["mission", "election", "country"], mission["election"]["country"]
    for i, election in enumerate(mission.get("also_observed", [])):
        yield ["mission", "also_observed", i, "country"], election["country"]
    for key in ("organizations", "people", "delegations", "visits"):
        for i, entry in enumerate(document.get(key, [])):
            if "country" in entry:
                yield [key, i, "country"], entry["country"]
    for i, entry in enumerate(document.get("organizations", [])):
        for j, member in enumerate(entry.get("members", [])):
            yield ["organizations", i, "members", j, "country"], member["country"]


def organizations(document):
    mission = document["mission"]
    yield ["mission", "observer_body"], mission["observer_body"]
    if "body" in mission["election"]:
        yield ["mission", "election", "body"], mission["election"]["body"]
    for i, partner in enumerate(mission.get("partners", [])):
        yield ["mission", "partners", i, "organization"], partner["organization"]
    for i, election in enumerate(mission.get("also_observed", [])):
        if "body" in election:
            yield ["mission", "also_observed", i, "body"], election["body"]
    for key, field in (
        ("organizations", "parent"),
        ("delegations", "organization"),
        ("delegations", "partner"),
    ):
        for i, entry in enumerate(document.get(key, [])):
            if entry.get(field):
                yield [key, i, field], entry[field]
    for i, meeting in enumerate(document.get("meetings", [])):
        if "host" in meeting:
            yield ["meetings", i, "host"], meeting["host"]
    for i, entry in enumerate(document.get("documents", [])):
        if "issuer" in entry:
            yield ["documents", i, "issuer"], entry["issuer"]
        for j, slug in enumerate(entry.get("co_issuers", [])):
            yield ["documents", i, "co_issuers", j], slug


def people(document):
    mission = document["mission"]
    if "coordinator" in mission:
        yield ["mission", "coordinator"], mission["coordinator"]
    for i, partner in enumerate(mission.get("partners", [])):
        if "head" in partner:
            yield ["mission", "partners", i, "head"], partner["head"]
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
