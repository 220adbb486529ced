"""Small helpers shared by test modules."""

import re

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
