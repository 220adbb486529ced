"""Small helpers shared by test modules."""

import re

import pytest
from django.conf import settings

# A test that runs the site in processes of its own on SQLite files of its own, whatever the
# suite's database: the suite's SQLite run covers it, its PostgreSQL run would repeat it.
own_sqlite_files = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="runs on SQLite files of its own: covered by the suite's run on SQLite",
)

# The API's public lists, each at /api/v1/<name>/.
API_LISTS = (
    "missions",
    "elections",
    "countries",
    "people",
    "organizations",
    "regions",
    "documents",
    "recommendations",
)


def read_sitemap(client):
    """The index and every section it lists, as one text."""
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver([^<]+)</loc>", index)
    assert sections, index
    return index + "".join(client.get(url).content.decode() for url in sections)
