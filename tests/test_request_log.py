"""Request ids and logs: each response carries an id, the 500 page shows it, and every error
logged while answering names it and the path, under production settings too."""

import json
import re

import pytest
from django.test import Client

from .helpers import own_sqlite_files
from .test_security import production_env, run_python

GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_output(capsys):
    """What the site's log handler writes to standard error during the test."""

    class Output:
        text = ""

        def getvalue(self):
            self.text += capsys.readouterr().err
            return self.text

    return Output()


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.failing_urls"
    return Client(raise_request_exception=False)


def test_every_response_carries_a_new_request_id(client, db):
    first, second = client.get("/en/"), client.get("/admin/login/")
    assert GENERATED.fullmatch(first["X-Request-ID"])
    assert GENERATED.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize("incoming", ["0f8fad5b-d9cb-469f-a165-70867728950e", "req.42_abc-DEF"])
def test_a_short_safe_incoming_request_id_is_kept(client, db, incoming):
    assert client.get("/en/", headers={"X-Request-ID": incoming})["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "incoming",
    [
        "short",
        "x" * 65,
        "has spaces in it",
        "line\nbreak-12345",
        "<script>alert(1)</script>",
        "ид-запроса-1",
    ],
)
def test_any_other_incoming_request_id_is_replaced(client, db, incoming):
    assert GENERATED.fullmatch(
        client.get("/en/", headers={"X-Request-ID": incoming})["X-Request-ID"]
    )


def test_server_error_page_shows_the_id_that_the_log_names(failing_site, log_output, db):
    response = failing_site.get("/boom/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert f'<code class="request-id">{request_id}</code>' in response.text
    lines = log_output.getvalue().splitlines()
    assert any(
        f"ERROR django.request [{request_id} /boom/] Internal Server Error: /boom/" in line
        for line in lines
    ), lines
    assert "RuntimeError: the view failed on purpose" in log_output.getvalue()


def test_a_swallowed_on_commit_error_is_logged_with_the_request(
    failing_site, log_output, transactional_db
):
    response = failing_site.get("/commit-fails/")
    assert response.status_code == 200
    text = log_output.getvalue()
    assert f"ERROR django.db.backends.base [{response['X-Request-ID']} /commit-fails/]" in text
    assert "the on-commit callback failed on purpose" in text


def logged_lines(stderr):
    return stderr.split("--- requests start\n", 1)[1].splitlines()


@pytest.fixture(scope="module")
def production_logs(tmp_path_factory):
    """(what the client got, stderr lines after setup) under production settings, per format."""

    def run(log_format):
        tmp_path = tmp_path_factory.mktemp(f"logs-{log_format}")
        env = production_env(
            tmp_path,
            DJANGO_ALLOWED_HOSTS="testserver",
            DJANGO_PAGE_CACHE_DIR=str(tmp_path / "page-cache"),
            DJANGO_LOG_FORMAT=log_format,
        )
        result = run_python(["-m", "tests.logging_probe"], **env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout), logged_lines(result.stderr)

    return run


@own_sqlite_files
def test_production_logs_errors_to_stderr_with_request_id_and_path(production_logs):
    got, lines = production_logs("text")
    boom, commit = got["boom"], got["commit"]
    assert boom["status"] == 500 and boom["request_id"] in boom["body"]
    assert any(
        f"ERROR django.request [{boom['request_id']} /boom/] Internal Server Error" in line
        for line in lines
    ), lines
    assert any(
        f"ERROR django.db.backends.base [{commit['request_id']} /commit-fails/]" in line
        and "on_commit" in line
        for line in lines
    ), lines
    assert not [line for line in lines if '"method"' in line]  # no request lines in text


@own_sqlite_files
def test_production_json_logs_one_line_per_request(production_logs):
    got, lines = production_logs("json")
    records = [json.loads(line) for line in lines if line.startswith("{")]
    requests = [r for r in records if r["logger"] == "observers_site.requests"]
    assert [(r["method"], r["path"], r["status"], r["cache"]) for r in requests] == [
        ("GET", "/en/", 200, "miss"),
        ("GET", "/en/", 200, "hit"),
        ("GET", "/boom/", 500, "bypass"),
        ("GET", "/commit-fails/", 200, "bypass"),
    ]
    assert [r["request_id"] for r in requests] == [
        got[name]["request_id"] for name in ("first", "again", "boom", "commit")
    ]
    assert all(isinstance(r["duration_ms"], float) and r["duration_ms"] >= 0 for r in requests)
    error = next(r for r in records if r["logger"] == "django.request")
    assert error["level"] == "ERROR" and error["request_id"] == got["boom"]["request_id"]
    assert error["path"] == "/boom/" and "RuntimeError" in error["exc_info"]
    # Every line written while answering is one JSON object (a traceback stays inside it).
    assert all(line.startswith("{") for line in lines), lines
