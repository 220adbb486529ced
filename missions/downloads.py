"""The public lists as spreadsheets: CSV (UTF-8 with a BOM) and XLSX, streamed.

Rows come from the same visibility querysets and filters as the HTML lists, read in chunks,
so a worker's memory stays flat in the number of rows; every cell goes through
`spreadsheets.neutralize`. The licence (DJANGO_DATA_LICENSE) is in the `X-Data-License`
header and, in XLSX, on a second sheet.
"""

import csv
import tempfile

import openpyxl
from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from .filters import MissionFilter, OrganizationFilter, PersonFilter
from .spreadsheets import neutralize
from .visibility import (
    public_elections,
    public_missions,
    public_organizations,
    public_people,
    public_recommendations,
)

CHUNK = 500
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page(request, route, **kwargs):
    """The absolute address of a record's English page."""
    with translation.override("en"):
        return request.build_absolute_uri(reverse(f"missions:{route}", kwargs=kwargs))


def mission_rows(request, missions):
    yield [
        "slug",
        "title",
        "title_ru",
        "country",
        "election",
        "election_kind",
        "voting_day",
        "observer_body",
        "monitoring",
        "starts",
        "ends",
        "page",
    ]
    for m in missions.select_related("election__country", "observer_body").iterator(CHUNK):
        yield [
            m.slug,
            m.title_en,
            m.title_ru,
            m.election.country.code,
            m.election.slug,
            m.election.kind,
            m.election.voting_day,
            m.observer_body.slug,
            m.monitoring,
            m.starts,
            m.ends,
            page(request, "mission_detail", slug=m.slug),
        ]


def person_rows(request, people):
    yield ["slug", "name", "name_original", "country", "page"]
    for p in people.select_related("country").iterator(CHUNK):
        country = p.country.code if p.country else ""
        yield [
            p.slug,
            p.name,
            p.name_original,
            country,
            page(request, "person_detail", slug=p.slug),
        ]


def organization_rows(request, organizations):
    yield [
        "slug",
        "name",
        "name_ru",
        "short_name",
        "short_name_ru",
        "kind",
        "country",
        "parent",
        "website",
        "page",
    ]
    for o in organizations.select_related("country", "parent").iterator(CHUNK):
        yield [
            o.slug,
            o.name_en,
            o.name_ru,
            o.short_name_en,
            o.short_name_ru,
            o.kind,
            o.country.code if o.country else "",
            o.parent.slug if o.parent else "",
            o.url,
            page(request, "organization_detail", slug=o.slug),
        ]


def election_rows(request, elections):
    yield ["slug", "name", "name_ru", "kind", "voting_day", "country", "body", "page"]
    for e in elections.select_related("country", "body").iterator(CHUNK):
        yield [
            e.slug,
            e.name_en,
            e.name_ru,
            e.kind,
            e.voting_day,
            e.country.code,
            e.body.slug if e.body else "",
            page(request, "election_detail", slug=e.slug),
        ]


def recommendation_rows(request, recommendations):
    yield ["mission", "number", "text", "text_ru", "topic", "addressee", "addressee_ru"] + [
        "priority",
        "document",
    ]
    for r in recommendations.select_related("mission", "document").iterator(CHUNK):
        yield [
            r.mission.slug,
            r.number,
            r.text_en,
            r.text_ru,
            r.topic,
            r.addressee_en,
            r.addressee_ru,
            r.priority,
            str(r.document.uid),  # a UUID: openpyxl writes text, not UUID objects
        ]


# list name: (its public rows, the HTML list's filter or None, the rows' writer)
LISTS = {
    "missions": (public_missions, MissionFilter, mission_rows),
    "people": (lambda: public_people().order_by("name", "slug"), PersonFilter, person_rows),
    "organizations": (
        lambda: public_organizations().order_by("slug"),
        OrganizationFilter,
        organization_rows,
    ),
    "elections": (lambda: public_elections().order_by("-voting_day", "slug"), None, election_rows),
    "recommendations": (
        lambda: public_recommendations().order_by("mission__slug", "number"),
        None,
        recommendation_rows,
    ),
}


def filtered(request, name):
    """The list's rows under the request's filters, or the filter's errors."""
    queryset, filter_class, _rows = LISTS[name]
    rows = queryset()
    if filter_class is None:
        return rows, None
    filterset = filter_class(request.GET, queryset=rows, request=request)
    if not filterset.is_valid():
        return None, filterset.errors
    return filterset.qs, None


class Echo:
    def write(self, value):
        return value


def csv_stream(rows):
    writer = csv.writer(Echo())
    yield "\ufeff"  # the BOM: spreadsheet programs then read the file as UTF-8
    for row in rows:
        yield writer.writerow([neutralize(cell) for cell in row])


def xlsx_file(rows, name):
    """An XLSX in a temporary file, written row by row (openpyxl's write-only mode)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(name)
    for row in rows:
        sheet.append([neutralize(cell) for cell in row])
    about = workbook.create_sheet("license")
    about.append(["license", neutralize(settings.DATA_LICENSE)])
    about.append(["source", neutralize(settings.SITE_NAME)])
    about.append(["downloaded", timezone.now().isoformat(timespec="seconds")])
    spool = tempfile.TemporaryFile()
    workbook.save(spool)
    spool.seek(0)
    return spool


def license_header():
    """The licence as a header value (headers are ASCII)."""
    return (settings.DATA_LICENSE or "unstated").encode("ascii", "replace").decode()


def download(request, name, extension):
    if name not in LISTS or extension not in ("csv", "xlsx"):
        raise Http404
    queryset, errors = filtered(request, name)
    if errors:  # as the API answers: each bad parameter with its messages
        return JsonResponse(errors, status=400)
    rows = LISTS[name][2](request, queryset)
    filename = f"{name}.{extension}"
    if extension == "csv":
        response = StreamingHttpResponse(csv_stream(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(
            xlsx_file(rows, name), as_attachment=True, filename=filename, content_type=XLSX_TYPE
        )
    response["X-Data-License"] = license_header()
    return response
