"""Operations that change a mission's workflow status; admin, views and commands call these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from missions import cache
from missions.models import Mission

PUBLISH_PERMISSION = "missions.publish_mission"
IMPORT_PERMISSION = "missions.import_missions"


class PublishingNotAllowed(PermissionDenied):
    """The user lacks the permission to publish or unpublish missions."""


def may_publish(user):
    return bool(user and user.has_perm(PUBLISH_PERMISSION))


def may_import(user):
    return bool(user and user.has_perm(IMPORT_PERMISSION))


def check_may_publish(user):
    if not may_publish(user):
        raise PublishingNotAllowed(_("Only publishers may publish or unpublish a mission."))


def _save(mission, user):
    mission.updated_by = user
    mission.full_clean()
    mission.save()
    return mission


@transaction.atomic
def mission_send_for_review(*, mission, user):
    """Draft -> review: the mission is ready for a publisher to check."""
    if mission.status != Mission.Status.DRAFT:
        message = _("Only a draft can be sent for review; this mission is %(status)s.") % {
            "status": mission.get_status_display()
        }
        raise ValidationError({"status": message})
    mission.status = Mission.Status.REVIEW
    return _save(mission, user)


@transaction.atomic
def mission_return_to_draft(*, mission, user):
    """Review -> draft: the mission needs more work before publication."""
    if mission.status != Mission.Status.REVIEW:
        raise ValidationError(
            {"status": _("Only a mission in review can go back to draft this way.")}
        )
    mission.status = Mission.Status.DRAFT
    return _save(mission, user)


@transaction.atomic
def mission_publish(*, mission, user):
    """Draft or review -> published, recording who published it and when."""
    check_may_publish(user)
    if mission.status == Mission.Status.PUBLISHED:
        raise ValidationError({"status": _("The mission is already published.")})
    mission.status = Mission.Status.PUBLISHED
    mission.published_at = timezone.now()
    mission.published_by = user
    return _save(mission, user)


@transaction.atomic
def mission_unpublish(*, mission, user):
    """Published -> draft: the mission disappears from the public site."""
    check_may_publish(user)
    if mission.status != Mission.Status.PUBLISHED:
        raise ValidationError({"status": _("The mission is not published.")})
    mission.status = Mission.Status.DRAFT
    mission.published_at = None
    mission.published_by = None
    cache.confirm_retirement(mission)
    return _save(mission, user)
