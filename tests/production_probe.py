"""Run under production settings: log a staff member in and print, as JSON, what a browser gets.

tests/test_security.py starts this in a subprocess, because production settings can only be
loaded in a fresh interpreter with their own environment.
"""

import json
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

PASSWORD = "correct horse battery staple 42"


def cookie_flags(response, name):
    morsel = response.cookies[name]
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])}


def static_file(page, prefix):
    """The hashed name the page links for a static file, and whether a .gz copy sits beside it."""
    html = page.content.decode()
    start = html.index(settings.STATIC_URL + prefix)
    url = html[start : html.index('"', start)]
    path = Path(settings.STATIC_ROOT) / url.removeprefix(settings.STATIC_URL)
    return {"url": url, "exists": path.exists(), "gzip": path.with_name(path.name + ".gz").exists()}


def main():
    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.creation.create_test_db(verbosity=0)
    get_user_model().objects.create_user(
        "staff", password=PASSWORD, is_staff=True, is_superuser=True
    )
    client = Client()
    login_url = reverse("admin:login")
    page = client.get(login_url, secure=True)
    plain = client.get(login_url)
    logged_in = client.post(login_url, {"username": "staff", "password": PASSWORD}, secure=True)
    print(
        json.dumps(
            {
                "status": page.status_code,
                "admin_css": static_file(page, "admin/css/base."),
                "headers": dict(page.headers),
                "plain_http": {"status": plain.status_code, "location": plain.get("Location")},
                "login_status": logged_in.status_code,
                "csrf_cookie": cookie_flags(page, "csrftoken"),
                "session_cookie": cookie_flags(logged_in, "sessionid"),
            }
        )
    )


main()
