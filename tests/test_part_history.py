"""Writes record their own history: a save on any part's own admin page is one revision of the
whole mission, and reverting the mission to it restores that save (issue 10, item 2)."""

import pytest
from django.urls import reverse
from reversion.models import Revision, Version

from missions.models import Document, MeetingCounterpart, Mission

from .admin_forms import posted_as_shown

# admin page: (posted field, value posted, model attribute, value it reads back, a later value)
EDITS = {
    "delegation": ("order", "7", "order", 7, 3),
    "delegationmember": ("position_en", "Senator", "position", "Senator", "Deputy"),
    "meeting": ("place_en", "Astana", "place", "Astana", "Almaty"),
    "meetingcounterpart": ("position_en", "Chair of the CEC", "position", "Chair of the CEC", ""),
    "visit": ("stations_visited", "12", "stations_visited", 12, 1),
    "document": ("title_en", "Final statement", "title", "Final statement", "Draft"),
}


@pytest.fixture
def parts(mission, delegation, member, meeting, visit, person):
    return {
        "delegation": delegation,
        "delegationmember": member,
        "meeting": meeting,
        "meetingcounterpart": MeetingCounterpart.objects.create(
            meeting=meeting, person=person, position="Member of the CEC"
        ),
        "visit": visit,
        "document": Document.objects.create(
            mission=mission, kind="statement", date=mission.ends, title="Preliminary statement"
        ),
    }


@pytest.mark.parametrize("part_page", EDITS)
def test_one_save_on_a_parts_page_is_one_revision_the_mission_revert_restores(
    admin_client, admin_user, mission, parts, part_page
):
    obj = parts[part_page]
    field, posted, attribute, saved, later = EDITS[part_page]
    url = reverse(f"admin:missions_{part_page}_change", args=[obj.pk])
    data = posted_as_shown(admin_client.get(url)) | {field: posted}
    revisions = Revision.objects.count()
    assert admin_client.post(url, data).status_code == 302
    assert Revision.objects.count() == revisions + 1
    revision = Revision.objects.latest("pk")
    assert revision.user == admin_user
    models = set(revision.version_set.values_list("content_type__model", flat=True))
    assert {part_page, "mission"} <= models

    # Later the part changes again, and nothing records it; the mission's revert undoes that.
    type(obj).objects.filter(pk=obj.pk).update(**{attribute: later})
    version = Version.objects.get_for_object(mission).get(revision=revision)
    revert = reverse("admin:missions_mission_revision", args=[mission.pk, version.pk])
    assert admin_client.post(revert, posted_as_shown(admin_client.get(revert))).status_code == 302
    assert getattr(type(obj).objects.get(pk=obj.pk), attribute) == saved
    assert Mission.objects.get(pk=mission.pk).is_published
