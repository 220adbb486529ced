"""schemathesis against a live server: every API operation, status code and response schema.

The description is generated in-process at collection (as /api/v1/openapi.json serves it),
the requests go to a live server holding the seed and a draft. A bounded number of
examples per operation keeps it within CI's time (MAX_EXAMPLES).
"""

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import positive_data_acceptance

from missions.models import Mission

from . import factories
from .test_drafts import MARKER, secret_mission

MAX_EXAMPLES = 15

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))


@pytest.fixture
def archive(transactional_db):
    factories.ensure_countries()  # a transactional test empties the migration's countries
    factories.load_seed()
    secret_mission(Mission.Status.DRAFT, "draft", host_code="UZ", sender_code="TM")


def no_draft_text(ctx, response, case):
    """The draft's marker is in no answer."""
    assert MARKER not in response.text.lower(), case.formatted_path


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_described(case, archive, live_server):
    # A filter's valid values are the public records' codes and slugs, which the description
    # cannot list: a well-formed but unknown one is a documented 400, not a failure.
    response = case.call_and_validate(
        base_url=live_server.url,
        additional_checks=(no_draft_text,),
        excluded_checks=(positive_data_acceptance,),
    )
    assert response.status_code < 500
