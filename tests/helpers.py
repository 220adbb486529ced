"""Small helpers shared by test modules."""

import re

import pytest
from django.conf import settings

# A test of SQLite itself (files it makes on its own): the suite's SQLite run covers it, and
# its PostgreSQL run would only repeat the same SQLite work.
sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="tests SQLite files of its own: covered by the suite's run on SQLite",
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
