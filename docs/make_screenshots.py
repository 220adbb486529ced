"""Retake the staff guide's screenshots: `.venv/bin/python docs/make_screenshots.py`.

Builds a throwaway SQLite database with the seed mission and two staff users, serves it on a
free port of 127.0.0.1 and photographs the admin pages the guide shows into docs/images/, in a
1,366 px window: the mission's page in English and in Russian, its nested sections (the first
meeting's summary opened in its row) and its error summary.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SETUP = """
from django.contrib.auth.models import Group, User
for name, group in (("edna", "Editors"), ("paul", "Publishers")):
    user = User.objects.create_user(name, password="pw-" + name, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
from missions.models import Mission
Mission.objects.update(status="review")
"""


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


WINDOW = {"width": 1366, "height": 768}
TOP = {"x": 0, "y": 0, "width": 1366, "height": 1300}  # the mission page's first sections


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = free_port()


def shoot(page, url, name, full=False):
    page.goto(f"http://127.0.0.1:{PORT}{url}")
    page.screenshot(path=IMAGES / name, full_page=full)


def mission_pages(page, language):
    """The mission's first sections, its delegations and meetings, in one admin language."""
    suffix = "" if language == "en" else f"-{language}"
    page.goto(f"http://127.0.0.1:{PORT}/admin/missions/mission/")
    if page.input_value("#admin-language-choice") != language:
        with page.expect_navigation():
            page.select_option("#admin-language-choice", language)
    page.click("#result_list tbody tr:first-child th a")
    page.wait_for_load_state()
    # The language switch and the save buttons stay in the window as one scrolls; in a
    # picture of the whole page they would sit in its middle.
    page.add_style_tag(content="#language-switch, .submit-row { position: static !important }")
    page.screenshot(path=IMAGES / f"staff-mission{suffix}.png", full_page=True, clip=TOP)
    page.locator("#delegations-group").screenshot(path=IMAGES / f"staff-delegations{suffix}.png")
    # The first meeting's summary, folded in its row, opened as a click would.
    page.click(f"#meetings-0 td.field-summary_{language} details > summary")
    page.locator("#meetings-group").screenshot(path=IMAGES / f"staff-meetings{suffix}.png")


def main():
    folder = tempfile.mkdtemp()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3"}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "import_missions", "missions/fixtures/kz-senate-2017.yaml")
    manage(env, "shell", "-c", SETUP)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        cwd=ROOT,
        env=env,
    )
    try:
        time.sleep(3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=WINDOW, bypass_csp=True)  # for add_style_tag
            page.goto(f"http://127.0.0.1:{PORT}/admin/login/")
            page.fill("#id_username", "paul")
            page.fill("#id_password", "pw-paul")
            page.click("input[type=submit]")
            shoot(page, "/admin/", "staff-dashboard.png")
            shoot(page, "/admin/missions/mission/", "staff-missions.png")
            mission_pages(page, "ru")
            mission_pages(page, "en")
            page.fill("#id_visits-0-date", "2017-07-15")
            page.click("input[name=_save]")
            page.locator("#error-summary").screenshot(path=IMAGES / "staff-mission-errors.png")
            page.goto(page.url)  # the page as saved, without the error
            page.click("a.historylink")
            page.screenshot(path=IMAGES / "staff-history.png")
            shoot(page, "/admin/missions/mission/import-document/", "staff-import-document.png")
            shoot(page, "/admin/missions/delegationmember/import/", "staff-import-roster.png")
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
