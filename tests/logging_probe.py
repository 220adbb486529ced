"""Run under production settings: make requests that log, and print what the client got as JSON.

tests/test_request_log.py starts this in a subprocess (production settings need a fresh
interpreter) and reads the log lines from its standard error.
"""

import json
import sys

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402


def answer(response):
    return {
        "status": response.status_code,
        "request_id": response.get("X-Request-ID"),
        "body": response.content.decode(),
    }


def main():
    setup_test_environment()
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.creation.create_test_db(verbosity=0)
    client = Client(raise_request_exception=False)
    sys.stderr.write("--- requests start\n")
    with override_settings(ROOT_URLCONF="tests.failing_urls"):
        got = {
            "first": answer(client.get("/en/", secure=True)),
            "again": answer(client.get("/en/", secure=True)),
            "boom": answer(client.get("/boom/", secure=True)),
            "commit": answer(client.get("/commit-fails/", secure=True)),
        }
    print(json.dumps(got))


main()
