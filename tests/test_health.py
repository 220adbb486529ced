"""/healthz: what load balancers and the benchmark poll."""

from unittest import mock

import pytest
from django.db import OperationalError

# WhiteNoise warns when collectstatic has not run; irrelevant to a JSON endpoint.
pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")


def test_healthz_answers_ok_with_one_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute") as execute:
        execute.side_effect = OperationalError("connection refused")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_healthz_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405
