"""The election a mission observed (`mission.election`) and those it also observed
(`mission.also_observed`), with rounds, referendum questions and results: import and export.
An election is a shared record: what an entry leaves out keeps."""

from decimal import Decimal

from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from missions.models import (
    Election,
    ElectionResult,
    ElectionRound,
    ReferendumQuestion,
    ResultOutcome,
)

from ..fields import both, compact, day, given, given_both, number, translated

PATH = ["mission", "election"]


def values(run, entry):
    found = given_both(entry, "name") | given(entry, "kind")
    found["country_id"] = run.country(entry["country"]).pk
    found["voting_day"] = day(entry["voting_day"])
    if "body" in entry:
        found["body_id"] = run.organization_id(entry["body"])
    return found


def to_entry(election, used):
    rounds = list(election.rounds.all())
    return compact(
        {
            "slug": election.slug,
            **translated(election, "name"),
            "country": election.country.code,
            "kind": election.kind,
            "voting_day": election.voting_day.isoformat(),
            "body": used.organization(election.body),
            "rounds": [] if is_default(election, rounds) else [round_entry(r) for r in rounds],
            "questions": [compact(translated(q, "text")) for q in election.questions.all()],
            "results": [result_entry(result) for r in rounds for result in r.results.all()],
        }
    )


def is_default(election, rounds):
    """Round 1 alone on the voting day, as the import makes it for an election without rounds."""
    return len(rounds) <= 1 and all(
        r.number == 1 and r.voting_day == election.voting_day for r in rounds
    )


def round_entry(election_round):
    default = ElectionRound.Kind.FIRST if election_round.number == 1 else ElectionRound.Kind.RUN_OFF
    return compact(
        {
            "number": election_round.number,
            "voting_day": election_round.voting_day.isoformat(),
            "kind": None if election_round.kind == default else election_round.kind,
        }
    )


def result_entry(result):
    return compact(
        {
            "round": result.round.number,
            "registered_voters": result.registered_voters,
            "turnout": number(result.turnout),
            "outcomes": [outcome_entry(o) for o in result.outcomes.all()],
            "source": result.source,
            "preliminary": result.preliminary or None,
        }
    )


def outcome_entry(outcome):
    return compact(
        {
            "option": outcome.option,
            "percent": number(outcome.percent),
            "votes": outcome.votes,
            "seats": outcome.seats,
        }
    )


def for_export():
    """The prefetches an election's entry reads."""
    return ("rounds__results__outcomes", "questions")


def sync_one(run, entry, path):
    election = run.upsert(run.known.elections, entry["slug"], Election, values(run, entry), path)
    sync_rounds(run, election, entry, path)
    if "questions" in entry:
        sync_questions(run, election, entry["questions"], path + ["questions"])
    if "results" in entry:
        sync_results(run, election, entry["results"], path + ["results"])
    return election


def sync(run):
    return sync_one(run, run.doc["mission"]["election"], PATH)


def sync_also_observed(run):
    entries = run.doc["mission"].get("also_observed", [])
    path = ["mission", "also_observed"]
    return [sync_one(run, entry, path + [i]) for i, entry in enumerate(entries)]


def round_kind(entry):
    return entry.get(
        "kind", ElectionRound.Kind.FIRST if entry["number"] == 1 else ElectionRound.Kind.RUN_OFF
    )


def sync_rounds(run, election, entry, path):
    """The rounds listed; round 1 on the voting day when an election lists none and has none.
    A round changes or goes only as any field of a shared record does."""
    stored = {} if run.created(election) else {r.number: r for r in election.rounds.all()}
    if "rounds" not in entry:
        if 1 not in stored:
            rounds = [{"number": 1, "voting_day": entry["voting_day"]}]
        else:
            run.rounds[election.pk] = stored
            return
    else:
        rounds = entry["rounds"]
    for i, item in enumerate(rounds):
        values = {"voting_day": day(item["voting_day"]), "kind": round_kind(item)}
        found = stored.get(item["number"])
        where = path + ["rounds", i]
        if found is None:
            found = ElectionRound(election=election, number=item["number"], **values)
            run.save(found, where, created=True)
            stored[item["number"]] = found
            if not run.created(election):
                run.shared_changed(election, f"rounds[{i}].voting_day", "", item["voting_day"])
        else:
            run.update_shared_part(election, found, values, where, prefix=f"rounds[{i}].")
    dropped = [r for n, r in stored.items() if n not in {item["number"] for item in rounds}]
    if dropped and run.may_change(election, rounds_text(dropped), path + ["rounds"]):
        for found in dropped:
            drop_round(run, election, found, path)
            del stored[found.number]
    run.rounds[election.pk] = stored


def drop_round(run, election, found, path):
    try:
        run.delete(found)
    except ProtectedError:
        run.problems.add(
            path + ["rounds"],
            _("round %(number)d is still named by a visit, document or member")
            % {"number": found.number},
        )
    else:
        old = found.voting_day.isoformat()
        run.shared_changed(election, f"rounds[{found.number - 1}].voting_day", old, "")


def rounds_text(rounds):
    """Rounds as a report and a refusal show them: "2 2016-11-13, 3 2016-11-27"."""
    return ", ".join(f"{r.number} {r.voting_day.isoformat()}" for r in rounds)


def sync_questions(run, election, entries, path):
    """The questions by position; one stored changes or goes only as a shared field does."""
    stored = [] if run.created(election) else list(election.questions.all())
    for i, entry in enumerate(entries):
        if i < len(stored):
            values = given_both(entry, "text") | {"order": i}
            run.update_shared_part(
                election, stored[i], values, path + [i], prefix=f"questions[{i}]."
            )
            continue
        run.save(
            ReferendumQuestion(election=election, **both(entry, "text"), order=i),
            path + [i],
            created=True,
        )
        if not run.created(election):
            key = "text" if entry.get("text") else "text_ru"
            run.shared_changed(election, f"questions[{i}].{key}", "", entry[key])
    dropped = stored[len(entries) :]
    if dropped and run.may_change(election, questions_text(dropped), path):
        for j, question in enumerate(dropped, start=len(entries)):
            run.delete(question)
            run.shared_changed(election, f"questions[{j}].text", questions_text([question]), "")


def questions_text(questions):
    return "; ".join(q.text_en or q.text_ru or "" for q in questions)


def sync_results(run, election, entries, path):
    """Results replace the stored ones: they are as announced, kept in the document's order.
    Stored results change only as any field of a shared record does."""
    rounds = run.rounds.get(election.pk, {})
    stored = [] if run.created(election) else list(stored_results(election))
    old, new = [result_entry(r) for r in stored], [as_exported(e) for e in entries]
    if old == new or not run.may_change(election, results_text(old), path):
        return
    for result in stored:
        run.delete(result)
    if not run.created(election):
        run.shared_changed(election, "results", results_text(old), results_text(new))
    for i, entry in enumerate(entries):
        number_ = entry.get("round", 1)
        if number_ not in rounds:
            run.problems.add(
                path + [i, "round"],
                _("the election has no round %(number)d") % {"number": number_},
            )
            continue
        result = ElectionResult(
            round=rounds[number_],
            registered_voters=entry.get("registered_voters"),
            turnout=decimal(entry.get("turnout")),
            source=entry.get("source", ""),
            preliminary=entry.get("preliminary", False),
            order=i,
        )
        run.save(result, path + [i], created=True)
        for j, item in enumerate(entry.get("outcomes", [])):
            outcome = ResultOutcome(
                result=result,
                option=item["option"].strip(),
                percent=decimal(item.get("percent")),
                votes=item.get("votes"),
                seats=item.get("seats"),
                order=j,
            )
            run.save(outcome, path + [i, "outcomes", j], created=True)


def results_text(entries):
    """Results (as exported) in one line, as a report and a refusal show them."""
    return " | ".join(
        _("round %(number)d: turnout %(turnout)s; %(outcomes)s")
        % {
            "number": e["round"],
            "turnout": e.get("turnout", "-"),
            "outcomes": ", ".join(outcome_text(o) for o in e.get("outcomes", [])),
        }
        for e in entries
    )


def outcome_text(outcome):
    figure = next((outcome[k] for k in ("percent", "votes", "seats") if k in outcome), "")
    return f"{outcome['option']} {figure}".strip()


def stored_results(election):
    return (
        ElectionResult.objects.filter(round__election=election)
        .select_related("round")
        .prefetch_related("outcomes")
        .order_by("round__number", "order", "id")
    )


def as_exported(entry):
    """A result entry as its export would write it, to tell whether anything changed."""
    outcomes = [
        compact(
            {
                "option": o["option"].strip(),
                "percent": number(decimal(o.get("percent"))),
                "votes": o.get("votes"),
                "seats": o.get("seats"),
            }
        )
        for o in entry.get("outcomes", [])
    ]
    return compact(
        {
            "round": entry.get("round", 1),
            "registered_voters": entry.get("registered_voters"),
            "turnout": number(decimal(entry.get("turnout"))),
            "outcomes": outcomes,
            "source": entry.get("source"),
            "preliminary": entry.get("preliminary") or None,
        }
    )


def decimal(value):
    return None if value is None else Decimal(str(value))
