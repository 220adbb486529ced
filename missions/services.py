"""The workflow's services, kept under their old address; the policy is `missions.publishing`."""

from missions.publishing import (  # noqa: F401
    IMPORT_PERMISSION,
    PUBLISH_PERMISSION,
    PublishingNotAllowed,
    may_import,
    may_publish,
    mission_publish,
    mission_return_to_draft,
    mission_send_for_review,
    mission_set_status,
    mission_unpublish,
)
