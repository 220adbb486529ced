"""One checkout, two SQLite databases, the default file cache: no page crosses over."""

import json
import os
import shutil
import sqlite3
from pathlib import Path

from harness import servers
from tests.helpers import own_sqlite_files

SEED = Path(__file__).resolve().parent.parent / "missions" / "fixtures" / "kz-senate-2017.yaml"
SLUG = "kz-senate-2017-ipa-cis"

# Two anonymous requests for the mission page, as the site's own workers would answer them.
FETCH = f"""
import json
from django.test import Client
client = Client(headers={{"host": "127.0.0.1"}})
statuses = [client.get("/en/missions/{SLUG}/").status_code for _ in range(2)]
print(json.dumps(statuses))
"""


def fetch_twice(env, database):
    env = dict(env, DATABASE_URL=f"sqlite:///{database}")
    return json.loads(servers.manage(env, "shell", "-c", FETCH, capture=True).splitlines()[-1])


@own_sqlite_files
def test_the_file_cache_never_serves_a_page_of_the_other_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="observers_site.settings.dev",
        DJANGO_PAGE_CACHE_DIR=str(tmp_path / "page-cache"),  # one folder, as in one checkout
    )
    published = tmp_path / "published.sqlite3"
    servers.manage(dict(env, DATABASE_URL=f"sqlite:///{published}"), "migrate", "--noinput")
    servers.manage(dict(env, DATABASE_URL=f"sqlite:///{published}"), "import_missions", str(SEED))
    draft = tmp_path / "draft.sqlite3"
    shutil.copy(published, draft)  # the same archive, where the mission is a draft
    with sqlite3.connect(draft) as connection:
        connection.execute("UPDATE missions_mission SET status = 'draft' WHERE slug = ?", [SLUG])
    connection.close()

    assert fetch_twice(env, published) == [200, 200]  # rendered, then served from the cache
    assert fetch_twice(env, draft) == [404, 404]
    assert len(list((tmp_path / "page-cache").iterdir())) == 2  # a folder per database
