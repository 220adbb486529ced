"""sitemap.xml: an index of one sitemap per section, built only from what is published.

Every page is listed once per language with its translations as alternates, the output of
django.contrib.sitemaps (`i18n`, `alternates`, 5,000 URLs a section page), but built from
`values_list` rows with one `reverse()` per language and section instead of one model and
three `reverse()` calls per URL, and kept in the page cache under the data version.
"""

import hashlib
import logging
from dataclasses import dataclass
from html import escape  # Django's escape() less its lazy-string check; parts escape apart

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date

from .cache import data_version, page_cache
from .visibility import (
    public_countries,
    public_elections,
    public_missions,
    public_organizations,
    public_people,
    public_regions,
)

LIMIT = 5000  # URLs (a record in one language) a section page
PLACEHOLDER = "1234567890"  # fits every URL converter used below, replaced by the real value
STATIC_PAGES = [
    "missions:home",
    "missions:mission_list",
    "missions:election_list",
    "missions:country_list",
    "missions:person_list",
    "missions:organization_list",
    "missions:region_list",
]
XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
URLSET = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
ROBOTS = "noindex, noodp, noarchive"
logger = logging.getLogger(__name__)


def languages():
    return [code for code, _ in settings.LANGUAGES]


@dataclass(frozen=True)
class Section:
    """Published records of one kind: their URL and the column that fills it in."""

    url_name: str
    kwarg: str
    rows: object  # () -> a queryset in sitemap order
    column: str
    lastmod: str = ""  # a datetime column, or none
    lower: bool = False  # country codes are lower case in URLs

    def count(self):
        return self.rows().count()

    def page(self, first, last):
        """(value, lastmod) of records first..last-1, in order."""
        columns = [self.column, self.lastmod] if self.lastmod else [self.column]
        rows = self.rows().values_list(*columns)[first:last]
        return [(row[0], row[1] if self.lastmod else None) for row in rows]

    def locations(self, root):
        """A function value -> its URL in each language, escaped, from one reverse() per
        language."""
        parts = []
        for language in languages():
            with translation.override(language):
                path = reverse(self.url_name, kwargs={self.kwarg: PLACEHOLDER})
            before, after = path.split(PLACEHOLDER, 1)
            parts.append((escape(root + before), escape(after)))
        lower = self.lower

        def urls(value):
            value = escape(str(value).lower() if lower else str(value))
            return [before + value + after for before, after in parts]

        return urls

    def latest_lastmod(self):
        if not self.lastmod:
            return None
        return self.rows().aggregate(latest=Max(self.lastmod))["latest"]


class StaticSection:
    """The index pages: fixed, no query."""

    def count(self):
        return len(STATIC_PAGES)

    def page(self, first, last):
        return [(name, None) for name in STATIC_PAGES[first:last]]

    def locations(self, root):
        def urls(name):
            urls = []
            for language in languages():
                with translation.override(language):
                    urls.append(escape(root + reverse(name)))
            return urls

        return urls

    def latest_lastmod(self):
        return None


SECTIONS = {
    "pages": StaticSection(),
    "missions": Section(
        "missions:mission_detail",
        "slug",
        lambda: public_missions().order_by("slug"),
        "slug",
        "updated_at",
    ),
    "elections": Section(
        "missions:election_detail", "slug", lambda: public_elections().order_by("slug"), "slug"
    ),
    "countries": Section(
        "missions:country_detail",
        "code",
        lambda: public_countries().order_by("code"),
        "code",
        lower=True,
    ),
    "people": Section(
        "missions:person_detail",
        "slug",
        lambda: public_people().order_by("slug"),
        "slug",
    ),
    "organizations": Section(
        "missions:organization_detail",
        "slug",
        lambda: public_organizations().order_by("slug"),
        "slug",
    ),
    "regions": Section(
        "missions:region_detail", "pk", lambda: public_regions().order_by("pk"), "pk"
    ),
}


class Counted:
    """What Paginator needs to number the pages of a section: its count of URLs."""

    def __init__(self, urls):
        self.urls = urls

    def count(self):
        return self.urls


def paginator(section):
    return Paginator(Counted(section.count() * len(languages())), LIMIT)


def cached(view):
    """Keep a sitemap response's body in the page cache under the data version; a cache that
    cannot be read or written is logged and the sitemap rendered, as for the pages."""

    def wrapper(request, **kwargs):
        key = stored = None
        try:
            version = data_version()  # read before any data, as the page cache does
            key = f"{version}|{request.scheme}://{request.get_host()}{request.get_full_path()}"
            key = "sitemap:" + hashlib.sha256(key.encode()).hexdigest()
            stored = page_cache().get(key)
        except Exception:
            logger.exception("The page cache cannot be read; serving %s uncached", request.path)
        if stored is None:
            stored = view(request, **kwargs)
            if key is not None:
                try:
                    page_cache().set(key, stored)
                except Exception:
                    logger.exception(
                        "The page cache cannot be written; %s not stored", request.path
                    )
        body, last_modified = stored
        response = HttpResponse(body, content_type="application/xml")
        if last_modified:
            response["Last-Modified"] = last_modified
        response["X-Robots-Tag"] = ROBOTS
        return response

    return wrapper


@cached
def index(request):
    """(body, Last-Modified) of the index: every section page, missions' latest change."""
    root = f"{request.scheme}://{get_current_site(request).domain}"
    entries = []
    for name, section in SECTIONS.items():
        location = root + reverse("sitemap_section", kwargs={"section": name})
        latest = section.latest_lastmod()
        lastmod = f"<lastmod>{timezone.localtime(latest).isoformat()}</lastmod>" if latest else ""
        pages = paginator(section).num_pages
        for number in range(1, pages + 1):
            suffix = "" if number == 1 else f"?p={number}"
            entries.append(f"<sitemap><loc>{escape(location + suffix)}</loc>{lastmod}</sitemap>")
    return XML + INDEX + "".join(entries) + "\n</sitemapindex>\n", None


@cached
def section(request, section):
    """(body, Last-Modified) of one page of one section."""
    if section not in SECTIONS:
        raise Http404(f"No sitemap available for section: {section!r}")
    kind = SECTIONS[section]
    try:
        number = paginator(kind).validate_number(request.GET.get("p", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from None
    return urlset(request, kind, (number - 1) * LIMIT, number * LIMIT)


def urlset(request, kind, first, last):
    """URLs first..last-1 of a section, each a record in one language."""
    root = f"{request.scheme}://{get_current_site(request).domain}"
    langs = languages()
    per_record = len(langs)
    start = first // per_record
    records = kind.page(start, -(-last // per_record))
    urls = kind.locations(root)
    links = [f'<xhtml:link rel="alternate" hreflang="{lang}" href="' for lang in langs]
    entries, latest = [], None
    tz = timezone.get_current_timezone()
    for value, lastmod in records:
        locations = urls(value)
        alternates = "".join(
            [f'{link}{url}"/>' for link, url in zip(links, locations, strict=True)]
        )
        day = f"<lastmod>{lastmod.astimezone(tz):%Y-%m-%d}</lastmod>" if lastmod else ""
        entries += [f"<url><loc>{location}</loc>{day}{alternates}</url>" for location in locations]
        if lastmod and (latest is None or lastmod > latest):
            latest = lastmod
    skip = first - start * per_record
    entries = entries[skip : skip + last - first]
    header = http_date(latest.timestamp()) if latest else None
    return XML + URLSET + "".join(entries) + "\n</urlset>\n", header
