"""Pages made faster render exactly what they rendered before, for the seed and a synthetic
sample: the sitemap is compared with the straightforward implementation it replaced, and
every public page with its copy pinned from main (tests/page_output/)."""

import datetime
import difflib
import io
import json
import lzma
import os
import random
import re
import uuid
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.contrib.sitemaps import views as contrib_views
from django.core.management.color import no_style
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone
from django.utils.http import http_date

from missions import sitemaps, statistics, synthetic, visibility
from missions.cache import SECOND, data_version
from missions.downloads import LISTS, XLSX_TYPE
from missions.filters.missions import SORT_CHOICES
from missions.mission_charts import MISSION_FIGURES
from missions.search.query import KINDS
from missions.views.indexes import INDEX_PAGE_LENGTH
from missions.views.public import MissionListView

from . import factories, sitemap_reference
from .helpers import API_LISTS
from .public_data import tmp_media  # noqa: F401

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


# Every public page, pinned: what main rendered when the pins were taken (tests/page_output/).

PINS = Path(__file__).parent / "page_output"
UPDATE = os.environ.get("UPDATE_PAGE_OUTPUT") == "1"
LANGUAGES = ("en", "ru")
PEOPLE_CAP = 40  # person pages pinned (first by slug): the synthetic sample names hundreds
# The clock, frozen while an archive is built and rendered: "upcoming" (home, calendar) is
# read against today, and auto_now fields (feeds' <updated>, sitemap <lastmod>, Last-Modified,
# the API's updated_at) and "generated" stamps (Popolo, the XLSX "downloaded") carry the time
# of writing; frozen, they are the same in every run, so no rule has to blank them.
# A day before the synthetic sample's last two missions, so they are upcoming.
FROZEN = datetime.datetime(2022, 10, 1, 12, 0, tzinfo=datetime.UTC)
# Headers a reader (or a crawler, or a spreadsheet) sees besides the body.
HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "Last-Modified",
    "X-Robots-Tag",
    "X-Data-License",
    "Link",
)


@pytest.fixture(params=["seed", "synthetic"])
def pinned_archive(request, monkeypatch, tmp_media):  # noqa: F811
    """The archive's name, built with the clock frozen, seeded uids and pks numbered from the
    tables' rows; its files in a fresh folder (in a used one, a file whose name is taken gets
    a random suffix)."""
    monkeypatch.setattr(timezone, "now", lambda: FROZEN)
    seeded_uids(monkeypatch)
    renumber_from_rows()
    if request.param == "seed":
        factories.load_seed()
    else:
        synthetic.seed_archive(missions=12, seed=3)
    return request.param


def seeded_uids(monkeypatch):
    """Records' uids drawn from a seeded generator while the archive is built.

    A uid is uuid4() when a row is made (the seed's documents), so random by design; it is in
    the API, feeds' ids and file links, and it orders the API's documents of one day. Seeded,
    the same rows get the same uids (as the synthetic sample's own generator gives them).
    """
    rng = random.Random(17)

    def draw():
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    for model in apps.get_app_config("missions").get_models():
        for field in model._meta.concrete_fields:
            if getattr(field, "default", None) is uuid.uuid4:
                monkeypatch.setattr(field, "_get_default", draw)


def renumber_from_rows():
    """Each missions table's next pk: one past its highest row, on either database.

    Region pks are in URLs (/regions/<pk>/) and in the region filter's choices. PostgreSQL's
    sequences are not rolled back with a test, and SQLite's AUTOINCREMENT counters keep the
    highest pk a transactional test committed, so either would number the rows by what ran
    before. Reset here (inside the test's transaction, so rolled back with it), the archive's
    rows get the same pks in every run.
    """
    models = list(apps.get_app_config("missions").get_models())
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for model in models:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(
                    f"UPDATE sqlite_sequence SET seq = (SELECT COALESCE(MAX(rowid), 0)"
                    f" FROM {table}) WHERE name = %s",
                    [model._meta.db_table],
                )
        else:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def public_paths():
    """Every public page of the archive, in each language, from the visibility gate."""
    localized = []
    for language in LANGUAGES:
        localized += [f"/{language}{path}" for path in site_paths()]
    return localized, api_paths() + download_paths() + ["/robots.txt"] + sitemap_paths()


def site_paths():
    missions = visibility.public_missions().order_by("slug")
    mission = missions.order_by("starts", "slug").first()
    country = mission.election.country.code
    person = visibility.public_people().order_by("slug").first().slug
    organization = mission.observer_body.slug
    paths = ["/", "/missions/", "/missions/upcoming.ics"]
    paths += [f"/missions/?sort={sort}" for sort, _ in SORT_CHOICES]
    paths += [
        f"/missions/?country={country}&monitoring=short-term&sort=oldest",
        f"/missions/?person={person}",
        f"/missions/?observer={organization}&kind={mission.election.kind}",
        "/missions/?q=election",
        "/missions/?q=polling+stations",
    ]
    if missions.count() > MissionListView.paginate_by:
        paths.append("/missions/?page=2")
    for slug in missions.values_list("slug", flat=True):
        paths.append(f"/missions/{slug}/")
        paths += [f"/missions/{slug}/figures/{key}.csv" for key in MISSION_FIGURES]
    paths += records_paths()
    paths += index_paths(country)
    paths += ["/statistics/", f"/statistics/?observer={organization}&since=2000&until=2030"]
    paths += [f"/statistics/{key}.csv" for key in statistics.FIGURES]
    paths += ["/recommendations/", f"/recommendations/?country={country}"]
    recommendations = visibility.public_recommendations().order_by("mission__slug", "number")
    for slug, number in recommendations.values_list("mission__slug", "number"):
        paths.append(f"/recommendations/{slug}/{number}/")
    for query in ("observation", "election+day", "nosuchword"):
        paths.append(f"/search/?q={query}")
    paths += [f"/search/?q=observation&show={kind}" for kind in KINDS]
    paths.append(f"/search/?q=observation&country={country}")
    paths += ["/feeds/missions/", "/feeds/documents/"]
    return paths


def records_paths():
    """The page of each public election, country, person, organization and region."""
    paths = [f"/elections/{slug}/" for slug in slugs(visibility.public_elections())]
    codes = visibility.public_countries().order_by("code").values_list("code", flat=True)
    paths += [f"/countries/{code.lower()}/" for code in codes]
    paths += [f"/people/{slug}/" for slug in slugs(visibility.public_people())[:PEOPLE_CAP]]
    paths += [f"/organizations/{slug}/" for slug in slugs(visibility.public_organizations())]
    regions = visibility.public_regions().order_by("pk").values_list("pk", flat=True)
    paths += [f"/regions/{pk}/" for pk in regions]
    return paths


def index_paths(country):
    paths = ["/elections/", "/countries/", "/people/", "/organizations/", "/regions/"]
    paths += ["/people/?q=a", "/people/?q=a&country=RU"]
    paths += [f"/regions/?country={country}", f"/organizations/?country={country}"]
    lengths = {
        "elections": visibility.public_elections().count(),
        "people": visibility.public_people().count(),
        "organizations": visibility.public_organizations().count(),
        "regions": visibility.public_regions().count(),
    }
    paths += [f"/{name}/?page=2" for name, count in lengths.items() if count > INDEX_PAGE_LENGTH]
    return paths


def api_paths():
    """The open-data API: each list (and a filtered one), each record, Popolo and the schema."""
    mission = visibility.public_missions().order_by("starts", "slug").first()
    api = "/api/v1"
    paths = [f"{api}/{name}/" for name in API_LISTS]
    paths += [
        f"{api}/missions/?country={mission.election.country.code}",
        f"{api}/people/?country=RU",
        f"{api}/popolo.json",
        f"{api}/openapi.json",
        f"{api}/docs/",
    ]
    if visibility.public_missions().count() > 5:
        paths.append(f"{api}/missions/?page=2&page_size=5")
    records = {
        "missions": slugs(visibility.public_missions()),
        "elections": slugs(visibility.public_elections()),
        "countries": list(
            visibility.public_countries().order_by("code").values_list("code", flat=True)
        ),
        "people": slugs(visibility.public_people())[:PEOPLE_CAP],
        "organizations": slugs(visibility.public_organizations()),
        "regions": list(visibility.public_regions().order_by("pk").values_list("pk", flat=True)),
        "documents": list(
            visibility.public_documents().order_by("uid").values_list("uid", flat=True)
        ),
        "recommendations": list(
            visibility.public_recommendations().order_by("pk").values_list("pk", flat=True)
        ),
    }
    for name, keys in records.items():
        paths += [f"{api}/{name}/{key}/" for key in keys]
    return paths


def download_paths():
    paths = [f"/downloads/{name}.{kind}" for name in LISTS for kind in ("csv", "xlsx")]
    country = visibility.public_missions().order_by("slug").first().election.country.code
    return paths + [f"/downloads/missions.csv?country={country}&sort=oldest"]


def sitemap_paths():
    """The sitemap index and every section page it lists."""
    index = Client().get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver([^<]+)</loc>", index)
    return ["/sitemap.xml"] + [path.replace("&amp;", "&") for path in sections]


def slugs(queryset):
    return list(queryset.order_by("slug").values_list("slug", flat=True))


# What genuinely varies between runs, replaced by a fixed mark. Nothing else is touched.
NORMALIZE = [
    # The CSP nonce: random for every response, by design.
    (re.compile(r'nonce="[^"]*"'), 'nonce="NONCE"'),
]


def normalized(text):
    for pattern, mark in NORMALIZE:
        text = pattern.sub(mark, text)
    return text


def body(response):
    """The response as text: the body, or each XLSX sheet's cells (the zip is stamped)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type") == XLSX_TYPE:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        sheets = []
        for sheet in book.worksheets:
            rows = ("\t".join(map(repr, row)) for row in sheet.iter_rows(values_only=True))
            sheets.append(f"[{sheet.title}]\n" + "\n".join(rows))
        book.close()
        return "\n".join(sheets)
    return content.decode()


def page_cache_stamp():
    """The Last-Modified the page cache gives its pages: the data version, a clock reading
    (time.time_ns) of the last write, so a new one every run. The sitemap's own
    Last-Modified (its missions' latest change, frozen above) is content and stays."""
    return http_date(data_version() // SECOND)


def rendered(client, path, language):
    """Status, the headers a reader sees and the body of one page, as one text."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    headers = [f"{name}: {response[name]}" for name in HEADERS if response.has_header(name)]
    stamp = f"Last-Modified: {page_cache_stamp()}"
    headers = ["Last-Modified: DATA-VERSION" if line == stamp else line for line in headers]
    return normalized("\n".join([str(response.status_code), *headers, "", body(response)]))


def render_all():
    """{"<language> <path>": text} for every public page of the archive."""
    localized, unprefixed = public_paths()
    client = Client()
    pages = {}
    for path in localized:
        language = path.split("/")[1]
        pages[f"{language} {path}"] = rendered(client, path, language)
    for language in LANGUAGES:
        for path in unprefixed:
            pages[f"{language} {path}"] = rendered(client, path, language)
    return pages


# Pages each database renders its own way, by design, pinned once per database: the search
# engine (SQLite's FTS5 ranks and cuts snippets otherwise than PostgreSQL's ts_rank and
# ts_headline) and the schema's integer bounds (drf-spectacular reads the backend's ranges).
PER_DATABASE = re.compile(r"/search/|/api/v1/openapi\.json$")
VENDORS = ("sqlite", "postgresql")


def vendor_key(key):
    """The key a page is pinned under on this database."""
    return f"{key} [{connection.vendor}]" if PER_DATABASE.search(key) else key


def held(key):
    """Whether this database is held to the page (by its pinned key)."""
    others = tuple(f" [{vendor}]" for vendor in VENDORS if vendor != connection.vendor)
    return not key.endswith(others)


def compared(pages):
    """The pages this database is held to, under their pinned keys."""
    keyed = {vendor_key(key): text for key, text in pages.items()}
    return {key: text for key, text in keyed.items() if held(key)}


def read_pins(name):
    path = PINS / f"{name}.json.xz"
    return json.loads(lzma.decompress(path.read_bytes())) if path.exists() else {}


def updated_pins(pins, pages):
    """The pins with this database's renders in; the other database's own pages, and the
    pages it alone is held to, are kept as they were."""
    mine = compared(pages)
    kept = {k: v for k, v in pins.items() if not held(k) and (k in pages or k.endswith("]"))}
    return kept | mine


def write_pins(name, pins):
    """xz, not gzip: its window spans pages, so the two languages' near-identical copies
    (and the statistics page's 260 kB of charts) are stored about once: 1.2 MB -> 0.2 MB."""
    PINS.mkdir(exist_ok=True)
    text = json.dumps(pins, ensure_ascii=False, indent=0, sort_keys=True)
    packed = lzma.compress(text.encode(), preset=9 | lzma.PRESET_EXTREME)
    (PINS / f"{name}.json.xz").write_bytes(packed)  # the same pages give the same bytes


def readable(text):
    """The text's lines, long ones (JSON, minified markup) broken after each , or > to diff."""
    lines = []
    for line in text.splitlines():
        lines += re.split(r'(?<=>)(?=\s*<)|(?<=,)(?=")', line) if len(line) > 120 else [line]
    return lines


def first_differences(pins, pages, shown=3):
    """A short unified diff of the first pages that differ, each named by its path."""
    report = []
    for key in sorted(set(pins) | set(pages)):
        if pins.get(key) == pages.get(key):
            continue
        if key not in pages:
            report.append(f"{key}: pinned, no longer rendered")
        elif key not in pins:
            report.append(f"{key}: rendered, not pinned")
        else:
            old, new = readable(pins[key]), readable(pages[key])
            diff = difflib.unified_diff(old, new, "pinned", "now", n=2, lineterm="")
            report.append(f"{key}:\n" + "\n".join(list(diff)[:40]))
        if len(report) == shown:
            break
    return "\n\n".join(report)


def test_every_public_page_renders_what_it_rendered_when_pinned(pinned_archive):
    """Every public page of the archive, in both languages, is what the stored copy holds.

    The copies (tests/page_output/<archive>.json.xz) are rewritten only on request, on each
    database (some pages are pinned per database, see PER_DATABASE):
    UPDATE_PAGE_OUTPUT=1 .venv/bin/python -m pytest tests/test_page_output.py
    and then the same with DATABASE_URL=postgres://... set.
    A rewrite is a change to review: say in the commit why each page's difference is right.
    """
    pages = render_all()
    if UPDATE:
        write_pins(pinned_archive, updated_pins(read_pins(pinned_archive), pages))
    pins = {key: text for key, text in read_pins(pinned_archive).items() if held(key)}
    pages = compared(pages)
    changed = sum(pins.get(key) != pages.get(key) for key in set(pins) | set(pages))
    assert not changed, (
        f"{changed} of {len(pins)} pinned pages differ on {connection.vendor}; the first:\n\n"
        + first_differences(pins, pages)
    )
