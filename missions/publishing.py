"""The publication policy: the one place that says who may publish, import and preview.

Every route that can change a mission's status calls these functions: the admin form, the
admin actions and change view, history revert and recover (`missions.admin.history`), the
document upload and `import_missions`. The services below are the workflow's transitions;
each records its own revision in the mission's history.
"""

from contextlib import contextmanager

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from missions import cache
from missions.models import Mission
from missions.search.index import search_index_update

PUBLISH_PERMISSION = "missions.publish_mission"
IMPORT_PERMISSION = "missions.import_missions"
VIEW_PERMISSIONS = ("missions.view_mission", "missions.change_mission")
PUBLISHED = Mission.Status.PUBLISHED
DRAFT = Mission.Status.DRAFT


class PublishingNotAllowed(PermissionDenied):
    """The user lacks the permission to publish or unpublish missions."""


# Who may do what.


def may_publish(user):
    return bool(user and user.has_perm(PUBLISH_PERMISSION))


def changes_publication(before, after):
    """Whether going from status `before` to `after` publishes or unpublishes."""
    return before != after and PUBLISHED in (before, after)


def may_change_status(user, before, after):
    """The rule: only publishers publish or unpublish; anyone who may edit moves the rest."""
    return not changes_publication(before, after) or may_publish(user)


def may_import(user):
    return bool(user and user.has_perm(IMPORT_PERMISSION))


def check_may_import(user, slug, wanted):
    """Whether `user` may import a document for mission `slug` with status `wanted`.

    No user means the operator's own shell (`import_missions` without --user): allowed. A user
    needs the import permission, and the publishing one when the document would publish or
    unpublish its mission. Raises PermissionDenied naming the mission.
    """
    if user is None:
        return
    if not may_import(user):
        raise PermissionDenied(
            _("%(user)s may not import mission documents (mission %(slug)s).")
            % {"user": user, "slug": slug}
        )
    current = Mission.objects.filter(slug=slug).values_list("status", flat=True).first()
    if not may_change_status(user, current or DRAFT, wanted):
        raise PermissionDenied(
            _(
                "%(slug)s: only publishers may import a document that publishes or unpublishes "
                "its mission (status: %(status)s)."
            )
            % {"slug": slug, "status": wanted}
        )


def may_preview(user):
    """Staff who may view missions in the admin may see any of them as the public would."""
    if not (user and user.is_active and user.is_staff):
        return False
    return any(user.has_perm(permission) for permission in VIEW_PERMISSIONS)


# The publication stamp.


def publication_stamp(mission, user, *, was_published):
    """The stamp fields `mission` must now carry, as a dict of the fields to set.

    Only a published mission carries a stamp. It names who published the mission and when,
    and stays as it is while the mission stays published.
    """
    if mission.status != PUBLISHED:
        return {"published_at": None, "published_by": None}
    if was_published and mission.published_at is not None:
        return {}
    return {"published_at": timezone.now(), "published_by": user}


def stamp_publication(mission, user, *, was_published):
    for field, value in publication_stamp(mission, user, was_published=was_published).items():
        setattr(mission, field, value)


# The transitions.


@contextmanager
def recorded(user, comment):
    """A revision in the missions' history: a new one, or the one already being recorded."""
    with reversion.create_revision():
        if user is not None and reversion.get_user() is None:
            reversion.set_user(user)
        if not reversion.get_comment():
            reversion.set_comment(comment)
        yield


def change_status(mission, after, user, comment):
    """Move `mission` to status `after` under the rule, stamp it, and save it in its history."""
    before = mission.status
    if not may_change_status(user, before, after):
        raise PublishingNotAllowed(_("Only publishers may publish or unpublish a mission."))
    with transaction.atomic(), recorded(user, comment):
        mission.status = after
        stamp_publication(mission, user, was_published=before == PUBLISHED)
        mission.updated_by = user
        mission.full_clean()
        mission.save()
        search_index_update(missions=[mission])  # in or out of the public index
        if before == PUBLISHED and after != PUBLISHED:
            cache.confirm_retirement(mission)  # the staff member hears if the page may stay
    return mission


def mission_send_for_review(*, mission, user):
    """Draft -> review: the mission is ready for a publisher to check."""
    if mission.status != Mission.Status.DRAFT:
        message = _("Only a draft can be sent for review; this mission is %(status)s.") % {
            "status": mission.get_status_display()
        }
        raise ValidationError({"status": message})
    return change_status(mission, Mission.Status.REVIEW, user, _("Sent for review."))


def mission_return_to_draft(*, mission, user):
    """Review -> draft: the mission needs more work before publication."""
    if mission.status != Mission.Status.REVIEW:
        raise ValidationError(
            {"status": _("Only a mission in review can go back to draft this way.")}
        )
    return change_status(mission, DRAFT, user, _("Returned to draft."))


def mission_publish(*, mission, user):
    """Draft or review -> published, recording who published it and when."""
    if mission.status == PUBLISHED:
        raise ValidationError({"status": _("The mission is already published.")})
    return change_status(mission, PUBLISHED, user, _("Published."))


def mission_unpublish(*, mission, user):
    """Published -> draft: the mission disappears from the public site."""
    if mission.status != PUBLISHED:
        raise ValidationError({"status": _("The mission is not published.")})
    return change_status(mission, DRAFT, user, _("Unpublished."))


def mission_set_status(*, mission, user, status):
    """Any status to `status` by the workflow's own steps (the admin's status field)."""
    if status == mission.status:
        return mission
    if mission.status == PUBLISHED:
        mission_unpublish(mission=mission, user=user)
    if status == PUBLISHED:
        return mission_publish(mission=mission, user=user)
    if status == Mission.Status.REVIEW:
        return mission_send_for_review(mission=mission, user=user)
    return mission
