"""Pages made faster render exactly what they rendered before, for the seed and a synthetic
sample: each is compared with the straightforward implementation it replaced."""

import re

import pytest
from django.contrib.sitemaps import views as contrib_views
from django.test import RequestFactory

from missions import sitemaps, synthetic

from . import factories, sitemap_reference

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["seed", "synthetic"])
def archive(request):
    """The archive, and a section page length that splits its sections into several pages."""
    if request.param == "seed":
        factories.load_seed()
        return 5
    synthetic.seed_archive(missions=12, seed=3)
    return 51


def reference_index():
    request = RequestFactory().get("/sitemap.xml")
    return contrib_views.index(
        request, sitemaps=sitemap_reference.SITEMAPS, sitemap_url_name="sitemap_section"
    ).render()


def reference_section(path):
    name, page = re.fullmatch(r"/sitemap-(\w+)\.xml(?:\?p=(\d+))?", path).groups()
    request = RequestFactory().get(path)
    return contrib_views.sitemap(
        request, sitemaps=sitemap_reference.SITEMAPS, section=name
    ).render()


def same_response(new, old):
    assert new.status_code == old.status_code == 200
    assert new.content.decode() == old.content.decode()
    for header in ("Content-Type", "Last-Modified", "X-Robots-Tag"):
        assert new.get(header) == old.get(header), header


def test_sitemap_is_what_django_contrib_sitemaps_rendered(client, archive, monkeypatch):
    pages = []
    for limit in (5000, archive):  # one page a section; then several (odd: a record splits)
        monkeypatch.setattr(sitemaps, "LIMIT", limit)
        monkeypatch.setattr(sitemap_reference.Sitemap, "limit", limit)
        index = client.get("/sitemap.xml")
        same_response(index, reference_index())
        sections = re.findall(r"<loc>http://testserver([^<]+)</loc>", index.content.decode())
        for path in sections:
            same_response(client.get(path.replace("&amp;", "&")), reference_section(path))
        pages.append(len(sections))
    assert pages[0] == len(sitemaps.SECTIONS) < pages[1]


def test_sitemap_pages_past_the_last_or_not_numbers_are_404(client, archive):
    assert client.get("/sitemap-missions.xml?p=2").status_code == 404
    assert client.get("/sitemap-missions.xml?p=x").status_code == 404
    assert client.get("/sitemap-nosuchsection.xml").status_code == 404
