"""The mission/2 records in the admin: each new inline saves in one revision that the owner's
revert restores (a mission, an election, an organization), and bad input is refused next to the
field at fault."""

import datetime

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Revision, Version

from missions.models import (
    Assessment,
    Country,
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    Election,
    ElectionResult,
    ElectionRound,
    MeetingCounterpart,
    Mission,
    MissionFigures,
    MissionPartner,
    MissionPhase,
    MissionSource,
    OrganizationMembership,
    Recommendation,
    ReferendumQuestion,
    Region,
    ResultOutcome,
    Visit,
)
from tests import factories
from tests.test_document_files import PDF

from .admin_forms import posted_as_shown

DAY = datetime.date(2017, 6, 28)


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def with_row(data, prefix, row):
    """The form as shown plus one new row in the inline `prefix`."""
    data = dict(data)
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


@pytest.fixture
def first_round(election):
    return factories.election_round(election, 1)


@pytest.fixture
def documented(mission):
    return Document.objects.create(
        mission=mission, kind="final-report", date=mission.ends, title="Final report"
    )


@pytest.fixture
def earlier_recommendation(host_country, observer_body):
    earlier = factories.mission(
        election=factories.election(voting_day=datetime.date(2015, 3, 1)),
        observer_body=observer_body,
    )
    return factories.recommendation(factories.document(earlier), 4)


@pytest.fixture
def referendum(host_country):
    return factories.election(kind=Election.Kind.REFERENDUM, country=host_country)


def cases(mission, member, delegation, documented, first_round, earlier_recommendation, referendum):
    """inline: (page's record, owner, prefix, new row, model, attribute, value saved, later)."""
    abroad = Region.objects.create(country=Country.objects.get(code="RU"), name="Moscow")
    partner_body = factories.organization(name="OSCE Office", short_name="ODIHR")
    MissionPartner.objects.create(mission=mission, organization=partner_body)
    result = ElectionResult.objects.create(round=first_round, registered_voters=10)
    return {
        "partner": (
            mission,
            mission,
            "partners",
            {
                "organization": factories.organization().pk,
                "head": member.person_id,
                "order": "1",
            },
            MissionPartner,
            "role",
            "",
            "Special Co-ordinator",
        ),
        "phase": (
            mission,
            mission,
            "phases",
            {"kind": "short-term", "starts": "2017-06-27", "ends": "2017-06-29", "order": "0"},
            MissionPhase,
            "ends",
            datetime.date(2017, 6, 29),
            datetime.date(2017, 6, 28),
        ),
        "figures": (
            mission,
            mission,
            "figures",
            {"observers": "41", "countries": "6"},
            MissionFigures,
            "observers",
            41,
            3,
        ),
        "source": (
            mission,
            mission,
            "sources",
            {"url": "https://iacis.ru/news/1", "title": "Наблюдатели МПА СНГ", "order": "0"},
            MissionSource,
            "title",
            "Наблюдатели МПА СНГ",
            "Changed",
        ),
        "visit abroad": (
            mission,
            mission,
            "visits",
            {
                "date": "2017-06-28",
                "region": abroad.pk,
                "country": abroad.country_id,
                "round": first_round.pk,
                "stations_visited": "3",
                "order": "0",
            },
            Visit,
            "stations_visited",
            3,
            9,
        ),
        "document issuer": (
            mission,
            mission,
            "documents",
            {
                "kind": "statement",
                "date": "2017-06-29",
                "language": "en",
                "order": "0",
                "title_en": "Joint statement",
                "issuer": partner_body.pk,
                "url": "https://www.osce.org/statement",
                "rounds": [str(first_round.pk)],
            },
            Document,
            "url",
            "https://www.osce.org/statement",
            "https://example.org/",
        ),
        "delegation partner": (
            mission,
            mission,
            "delegations",
            {
                "country": Country.objects.get(code="BY").pk,
                "partner": partner_body.pk,
                "order": "0",
            },
            Delegation,
            "order",
            0,
            4,
        ),
        "member group and round": (
            delegation,
            mission,
            "members",
            {
                "person": factories.person().pk,
                "role": "observer",
                "group": "EPP",
                "round": first_round.pk,
                "order": "1",
            },
            DelegationMember,
            "group",
            "EPP",
            "",
        ),
        "file": (
            documented,
            mission,
            "files",
            {
                "file": SimpleUploadedFile("report.pdf", PDF, "application/pdf"),
                "language": "ru",
                "title_en": "Report (PDF)",
                "order": "0",
            },
            DocumentFile,
            "title",
            "Report (PDF)",
            "Other",
        ),
        "recommendation": (
            documented,
            mission,
            "recommendations",
            {"number": "1", "topic": "campaign", "text_ru": "Опубликовать итоги."},
            Recommendation,
            "text_ru",
            "Опубликовать итоги.",
            "",
        ),
        "assessment": (
            documented,
            mission,
            "assessments",
            {"recommendation": earlier_recommendation.pk, "status": "partially", "order": "0"},
            Assessment,
            "status",
            "partially",
            "fully",
        ),
        "round": (
            mission.election,
            mission.election,
            "rounds",
            {"number": "2", "voting_day": "2017-07-12", "kind": "run-off"},
            ElectionRound,
            "voting_day",
            datetime.date(2017, 7, 12),
            datetime.date(2017, 7, 19),
        ),
        "question": (
            referendum,
            referendum,
            "questions",
            {"text_en": "Do you approve the new constitution?", "order": "0"},
            ReferendumQuestion,
            "text",
            "Do you approve the new constitution?",
            "Changed",
        ),
        "result": (
            first_round,
            mission.election,
            "results",
            {"registered_voters": "9000", "turnout": "61.5", "order": "1"},
            ElectionResult,
            "registered_voters",
            9000,
            1,
        ),
        "outcome": (
            result,
            mission.election,
            "outcomes",
            {"option": "Nur Otan", "percent": "82.2", "seats": "84", "order": "0"},
            ResultOutcome,
            "option",
            "Nur Otan",
            "Changed",
        ),
        "membership": (
            mission.observer_body,
            mission.observer_body,
            "memberships",
            {"country": Country.objects.get(code="AM").pk, "since": "1995-01-01"},
            OrganizationMembership,
            "until",
            None,
            datetime.date(2020, 1, 1),
        ),
    }


CASES = [
    "partner",
    "phase",
    "figures",
    "source",
    "visit abroad",
    "document issuer",
    "delegation partner",
    "member group and round",
    "file",
    "recommendation",
    "assessment",
    "round",
    "question",
    "result",
    "outcome",
    "membership",
]


@pytest.mark.parametrize("case", CASES)
def test_one_save_is_one_revision_the_owners_revert_restores(
    admin_client,
    settings,
    tmp_path,
    mission,
    member,
    delegation,
    documented,
    first_round,
    earlier_recommendation,
    referendum,
    case,
):
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"]}}
    settings.STORAGES["default"]["OPTIONS"] = {"location": tmp_path}
    every = cases(
        mission, member, delegation, documented, first_round, earlier_recommendation, referendum
    )
    page, owner, prefix, row, model, attribute, saved, later = every[case]
    url = change_url(page)
    data = with_row(posted_as_shown(admin_client.get(url)), prefix, row)
    revisions = Revision.objects.count()
    before = set(model.objects.values_list("pk", flat=True))
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and [
        (f.prefix, f.errors) for i in response.context["inline_admin_formsets"] for f in i.formset
    ]
    assert Revision.objects.count() == revisions + 1
    (created,) = model.objects.exclude(pk__in=before)
    assert getattr(created, attribute) == saved
    revision = Revision.objects.latest("pk")
    names = set(revision.version_set.values_list("content_type__model", flat=True))
    assert {model._meta.model_name, owner._meta.model_name} <= names

    # A later change that nothing records; reverting the owner to the save undoes it.
    model.objects.filter(pk=created.pk).update(**{attribute: later})
    version = Version.objects.get_for_object(owner).get(revision=revision)
    meta = owner._meta
    revert = reverse(
        f"admin:{meta.app_label}_{meta.model_name}_revision", args=[owner.pk, version.pk]
    )
    assert admin_client.post(revert, posted_as_shown(admin_client.get(revert))).status_code == 302
    assert getattr(model.objects.get(pk=created.pk), attribute) == saved
    assert Mission.objects.get(pk=mission.pk).is_published


def refused_row(client, page, prefix, row):
    """The errors of the new row in `prefix` when the page is posted with it; nothing saved."""
    url = change_url(page)
    data = with_row(posted_as_shown(client.get(url)), prefix, row)
    revisions = Revision.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200
    assert Revision.objects.count() == revisions
    (formset,) = [
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == prefix
    ]
    return formset.forms[-1].errors


def test_a_file_that_is_not_what_its_name_says_is_refused_next_to_the_field(
    admin_client, documented
):
    fake = SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>", "application/pdf")
    errors = refused_row(admin_client, documented, "files", {"file": fake, "order": "0"})
    assert errors["file"] == [
        "report.pdf is not a PDF file inside: only PDF, DOCX and ODT files are accepted."
    ]
    assert not DocumentFile.objects.exists()


def test_a_file_of_another_kind_is_refused(admin_client, documented):
    sheet = SimpleUploadedFile("figures.xlsx", b"PK\x03\x04rest", "application/octet-stream")
    errors = refused_row(admin_client, documented, "files", {"file": sheet, "order": "0"})
    assert errors["file"] == ["figures.xlsx: only PDF, DOCX and ODT files are accepted."]


def test_a_file_over_20_mb_is_refused(admin_client, documented):
    big = SimpleUploadedFile("report.pdf", PDF + b"0" * (20 * 1024 * 1024), "application/pdf")
    errors = refused_row(admin_client, documented, "files", {"file": big, "order": "0"})
    assert errors["file"] == ["report.pdf is 20.0 MB; a file may be at most 20 MB."]


def test_a_repeated_recommendation_number_is_refused_next_to_the_number(admin_client, documented):
    factories.recommendation(documented, 1)
    row = {"number": "1", "text_en": "Another"}
    errors = refused_row(admin_client, documented, "recommendations", row)
    assert errors["number"] == ["This mission already has a recommendation with this number."]


@pytest.mark.parametrize(
    "record, prefix, row, field",
    [
        ("documented", "recommendations", {"number": "2"}, "text_en"),
        ("referendum", "questions", {"order": "3"}, "text_en"),
        (
            "mission",
            "documents",
            {"kind": "statement", "date": "2017-06-29", "language": "en", "order": "0"},
            "title_en",
        ),
    ],
)
def test_an_inline_text_in_neither_language_is_refused_next_to_the_english_field(
    admin_client, request, record, prefix, row, field
):
    errors = refused_row(admin_client, request.getfixturevalue(record), prefix, row)
    assert errors[field] == ["Give this text in English or in Russian (at least one)."]


@pytest.mark.parametrize("model", ["organization", "election"])
def test_a_name_in_russian_only_is_accepted_and_in_neither_refused(
    admin_client, observer_body, election, model
):
    record = {"organization": observer_body, "election": election}[model]
    url = change_url(record)
    data = posted_as_shown(admin_client.get(url)) | {"name_en": "", "name_ru": ""}
    response = admin_client.post(url, data)
    assert response.context["adminform"].form.errors["name_en"] == [
        "Give this text in English or in Russian (at least one)."
    ]
    response = admin_client.post(url, data | {"name_ru": "Только по-русски"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.name_en or "", record.name_ru) == ("", "Только по-русски")


def test_negative_figures_and_turnout_over_100_are_refused_next_to_the_field(
    admin_client, mission, first_round
):
    errors = refused_row(admin_client, mission, "figures", {"observers": "-1"})
    assert errors["observers"] == ["Ensure this value is greater than or equal to 0."]
    row = {"turnout": "101", "order": "0"}
    errors = refused_row(admin_client, first_round, "results", row)
    assert errors["turnout"] == ["Ensure this value is less than or equal to 100."]


def test_a_partner_head_who_is_no_member_is_refused_next_to_the_head(admin_client, mission):
    row = {"organization": factories.organization().pk, "head": factories.person().pk}
    errors = refused_row(admin_client, mission, "partners", row | {"order": "0"})
    assert errors["head"] == ["The head must be a member of one of the mission's delegations."]


def test_a_phase_outside_the_mission_is_refused(admin_client, mission):
    row = {"kind": "long-term", "starts": "2017-05-01", "ends": "2017-06-29", "order": "0"}
    errors = refused_row(admin_client, mission, "phases", row)
    assert errors["starts"] == ["A phase lies within the mission (2017-06-27 to 2017-06-29)."]


def test_a_visit_abroad_in_the_host_country_is_refused_next_to_the_country(
    admin_client, mission, region
):
    row = {"date": "2017-06-28", "region": region.pk, "country": region.country_id, "order": "0"}
    errors = refused_row(admin_client, mission, "visits", row)
    assert errors["country"] == ["Leave this empty for the host country; it is for visits abroad."]


def test_a_milestone_without_a_summary_is_refused_on_the_mission_page_not_a_500(
    admin_client, mission
):
    row = {"date": "2017-01-10", "kind": "milestone", "order": "0"}
    errors = refused_row(admin_client, mission, "meetings", row)
    # The summary is edited in the meeting's row, so its error sits on the field there.
    assert errors["summary_en"] == ["A milestone needs a summary of what happened."]
    assert "__all__" not in errors


def test_a_round_of_another_election_cannot_be_chosen(admin_client, mission, first_round):
    other = factories.election_round(factories.election(), 1)
    page = admin_client.get(change_url(mission)).text
    assert f'value="{first_round.pk}"' in page
    row = {
        "kind": "statement",
        "date": "2017-06-29",
        "language": "en",
        "order": "0",
        "title_en": "Statement",
        "rounds": [str(other.pk)],
    }
    errors = refused_row(admin_client, mission, "documents", row)
    assert "rounds" in errors


def test_also_observed_on_another_day_is_refused_next_to_the_field(
    admin_client, mission, host_country
):
    other = factories.election(country=host_country, voting_day=datetime.date(2017, 7, 1))
    url = change_url(mission)
    data = posted_as_shown(admin_client.get(url)) | {"also_observed": [str(other.pk)]}
    response = admin_client.post(url, data)
    assert response.context["adminform"].form.errors["also_observed"] == [
        f"{other} is held on 2017-07-01, not on the voting day 2017-06-28."
    ]
    same_day = factories.election(country=host_country, voting_day=mission.election.voting_day)
    response = admin_client.post(url, data | {"also_observed": [str(same_day.pk)]})
    assert response.status_code == 302
    assert list(mission.also_observed.all()) == [same_day]


def test_every_admin_page_opens_with_every_kind_of_record(
    admin_client,
    mission,
    member,
    delegation,
    documented,
    first_round,
    earlier_recommendation,
    referendum,
    meeting,
    visit,
):
    cases(mission, member, delegation, documented, first_round, earlier_recommendation, referendum)
    MissionFigures.objects.create(mission=mission, observers=4)
    MeetingCounterpart.objects.create(meeting=meeting, person=factories.person())
    ReferendumQuestion.objects.create(election=referendum, text="Yes or no?")
    Assessment.objects.create(
        document=documented, recommendation=earlier_recommendation, status="fully"
    )
    OrganizationMembership.objects.create(
        organization=mission.observer_body, country=Country.objects.get(code="AM")
    )
    for model in admin.site._registry:
        if model._meta.app_label != "missions":
            continue
        meta = model._meta
        changelist = reverse(f"admin:missions_{meta.model_name}_changelist")
        assert admin_client.get(changelist).status_code == 200, meta.model_name
        assert admin_client.get(changelist, {"q": "Moscow 2017"}).status_code == 200
        assert admin_client.get(reverse(f"admin:missions_{meta.model_name}_add")).status_code == 200
        record = model.objects.first()
        assert record is not None, meta.model_name
        assert admin_client.get(change_url(record)).status_code == 200, meta.model_name


def test_autocomplete_offers_recommendations_and_rounds(admin_client, documented, first_round):
    factories.recommendation(documented, 7, text="Publish the results by polling station.")
    url = reverse("admin:autocomplete")
    found = admin_client.get(
        url,
        {
            "app_label": "missions",
            "model_name": "assessment",
            "field_name": "recommendation",
            "term": "polling station",
        },
    ).json()
    assert [row["text"] for row in found["results"]] == ["Recommendation 7"]
    found = admin_client.get(
        url,
        {
            "app_label": "missions",
            "model_name": "electionresult",
            "field_name": "round",
            "term": "Senate",
        },
    ).json()
    assert [row["id"] for row in found["results"]] == [str(first_round.pk)]
