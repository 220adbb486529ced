"""Retake the staff guide's screenshots: `.venv/bin/python docs/make_screenshots.py`.

Builds a throwaway SQLite database with the seed mission and two staff users, serves it on
127.0.0.1:8765 and photographs the admin pages the guide shows into docs/images/.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
PORT = 8765
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


def shoot(page, url, name, full=False):
    page.goto(f"http://127.0.0.1:{PORT}{url}")
    page.screenshot(path=IMAGES / name, full_page=full)


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
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"http://127.0.0.1:{PORT}/admin/login/")
            page.fill("#id_username", "paul")
            page.fill("#id_password", "pw-paul")
            page.click("input[type=submit]")
            shoot(page, "/admin/", "staff-dashboard.png")
            shoot(page, "/admin/missions/mission/", "staff-missions.png")
            page.click("#result_list tbody tr:first-child th a")
            page.screenshot(path=IMAGES / "staff-mission.png", full_page=True)
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
