"""Production settings, security headers, staff login lockout, sessions and the admin path."""

import datetime
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.helpers import own_sqlite_files

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple 42"


def run_python(args, **env):
    """Run the project's Python in a fresh interpreter with only the given DJANGO_ variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=300
    )


def production_env(tmp_path, **extra):
    return {
        "DJANGO_SETTINGS_MODULE": "observers_site.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "observers.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        **extra,
    }


@pytest.fixture(scope="module")
def production_response(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path, DJANGO_ALLOWED_HOSTS="testserver")
    result = run_python(["-m", "tests.production_probe"], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@own_sqlite_files
@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_and_names_the_missing_variable(tmp_path, missing):
    env = production_env(tmp_path)
    del env[missing]
    result = run_python(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert f"Production settings need {missing} in the environment." in result.stderr


@own_sqlite_files
def test_production_passes_check_deploy(tmp_path):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@own_sqlite_files
def test_production_page_sends_security_headers(production_response):
    assert production_response["status"] == 200
    headers = production_response["headers"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


@own_sqlite_files
def test_production_csp_allows_no_inline_code(production_response):
    policy = production_response["headers"]["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in policy
    assert "'nonce-" in directives["script-src"]


@own_sqlite_files
def test_production_redirects_plain_http_to_https(production_response):
    assert production_response["plain_http"] == {
        "status": 301,
        "location": "https://testserver/admin/login/",
    }


@own_sqlite_files
def test_production_cookies_are_secure_and_http_only(production_response):
    assert production_response["login_status"] == 302
    assert production_response["session_cookie"] == {"secure": True, "httponly": True}
    assert production_response["csrf_cookie"] == {"secure": True, "httponly": True}


@own_sqlite_files
def test_production_static_files_have_hashed_compressed_names(production_response):
    css = production_response["admin_css"]
    name = css["url"].rsplit("/", 1)[1]
    assert name.startswith("base.") and name != "base.css"
    assert css["exists"] and css["gzip"]


@own_sqlite_files
def test_admin_path_comes_from_the_environment():
    code = "import django; django.setup(); from django.urls import reverse; "
    code += "print(reverse('admin:index'))"
    result = run_python(
        ["-c", code],
        DJANGO_SETTINGS_MODULE="observers_site.settings.dev",
        DJANGO_ADMIN_URL="back-office-7f3",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/back-office-7f3/"


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        "staff", password=PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client, password):
    return client.post(reverse("admin:login"), {"username": "staff", "password": password})


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    return settings.AXES_FAILURE_LIMIT


def test_staff_can_log_in_after_a_few_typos(client, staff_user, axes_on):
    for _ in range(axes_on - 1):
        assert log_in(client, "wrong").status_code == 200
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_login_locks_out_after_repeated_failures(client, staff_user, axes_on):
    for _ in range(axes_on):
        log_in(client, "wrong")
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert b"locked" in response.content.lower()
    assert client.get(reverse("admin:index")).status_code == 302  # still not logged in


@pytest.mark.parametrize("password", ["12345678", "password", "staff", "short"])
def test_weak_staff_passwords_are_refused(staff_user, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=staff_user)


def test_staff_session_expires(client, staff_user, settings):
    client.force_login(staff_user)
    session = Session.objects.get()
    lifetime = session.expire_date - timezone.now()
    assert lifetime <= datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert lifetime <= datetime.timedelta(hours=8)
    assert client.session.get_expire_at_browser_close()

    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "url", ["/admin/login/%00/", "/admin/login/?next=%00", "/admin/login/?%00=1", "/x%00y/"]
)
def test_nul_in_the_address_is_a_bad_request(client, url):
    assert client.get(url).status_code == 400


def test_login_without_a_next_page_lands_on_the_admin_index(client, staff_user):
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200
