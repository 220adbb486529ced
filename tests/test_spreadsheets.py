"""Spreadsheets: exported cells never run as formulas; a roster upload is bounded before it is
read."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from missions.models import DelegationMember
from missions.spreadsheets import (
    MAX_ROSTER_BYTES,
    MAX_ROSTER_COLUMNS,
    MAX_ROSTER_ROWS,
    MAX_XLSX_UNPACKED_BYTES,
    check_roster_file,
    neutralize,
)

EXPORT = "admin:missions_delegationmember_export"
IMPORT = "admin:missions_delegationmember_import"
FORMATS = {"csv": "0", "xlsx": "1"}
HEADER = "name,country,role,position\n"


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.ROSTER_UPLOAD_DIR = tmp_path / "roster-uploads"


# --- out: formulas ------------------------------------------------------------------------


def export(client, kind):
    response = client.post(
        reverse(EXPORT),
        {
            "format": FORMATS[kind],
            "resource": "0",
            **{f"rosterresource_{name}": "on" for name in ("name", "country", "role", "position")},
        },
    )
    assert response.status_code == 200
    return response.content


def exported_cells(content, kind):
    """(value, is a formula) for every cell of the export."""
    if kind == "csv":
        return [(cell, False) for row in csv.reader(io.StringIO(content.decode())) for cell in row]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [(cell.value, cell.data_type == "f") for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "start", ["=", "+", "-", "@", "\t", "\r"], ids=["equals", "plus", "minus", "at", "tab", "cr"]
)
def test_exported_cell_starting_a_formula_is_text(admin_client, member, kind, start):
    name = start + 'HYPERLINK("https://evil.example/","x")'
    position = start + start + "cmd|' /C calc'!A0"
    member.person.name = name
    member.person.save()
    member.position = position
    member.save()
    cells = exported_cells(export(admin_client, kind), kind)
    if kind == "xlsx":  # XML reads a carriage return as a line feed
        name, position = name.replace("\r", "\n"), position.replace("\r", "\n")
    assert ("'" + name, False) in cells
    assert ("'" + position, False) in cells
    assert not [value for value, formula in cells if formula]
    assert not [value for value, _ in cells if str(value or "").startswith(("=", "+", "-", "@"))]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_doubled_equals_sign_is_no_formula(admin_client, member, kind):
    """Issue 16: the library stripped one '=' and left a live formula behind."""
    member.person.name = '==HYPERLINK("https://evil.example/","x")'
    member.person.save()
    cells = exported_cells(export(admin_client, kind), kind)
    assert ('\'==HYPERLINK("https://evil.example/","x")', False) in cells
    assert not [value for value, formula in cells if formula]


def test_plain_values_are_exported_as_they_are(admin_client, member):
    cells = [value for value, _ in exported_cells(export(admin_client, "csv"), "csv")]
    assert "Ilyas Umakhanov" in cells
    assert "Deputy Speaker of the Federation Council" in cells
    assert neutralize(-5) == -5 and neutralize(None) is None and neutralize("") == ""
    assert neutralize("O'Brien - Ireland") == "O'Brien - Ireland"


# --- in: limits before parsing ------------------------------------------------------------


def upload(client, mission, content, kind):
    return client.post(
        reverse(IMPORT),
        {
            "mission": str(mission.pk),
            "resource": "0",
            "format": FORMATS[kind],
            "import_file": SimpleUploadedFile(f"roster.{kind}", content),
        },
    )


def csv_roster(rows, columns=4):
    extra = "," * (columns - 4)
    return (HEADER + "".join(f"Person {i},RU,observer,{extra}\n" for i in range(rows))).encode()


def xlsx_with_sheet(sheet_xml):
    """A real workbook from openpyxl whose first sheet is replaced by the given XML."""
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            target.writestr(item.filename, data)
    return out.getvalue()


def sheet(rows, row_xml):
    head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return (
        head
        + "<sheetData>"
        + "".join(row_xml(i) for i in range(1, rows + 1))
        + "</sheetData></worksheet>"
    )


def inline_row(i):
    cell = '<c r="{}{}" t="inlineStr"><is><t>{}</t></is></c>'
    return f'<row r="{i}">{cell.format("A", i, f"P{i}")}{cell.format("B", i, "RU")}</row>'


def same_row(i):
    return '<row><c t="inlineStr"><is><t>Person</t></is></c></row>'


def refusal(response):
    assert response.status_code == 200
    assert response.context["form"].errors, "the upload was not refused"
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    return " ".join(response.context["form"].errors["import_file"])


def test_csv_with_too_many_rows_is_refused_before_reading(client, publisher, mission):
    client.force_login(publisher)
    message = refusal(upload(client, mission, csv_roster(MAX_ROSTER_ROWS + 1), "csv"))
    assert f"The roster has more than {MAX_ROSTER_ROWS} rows" in message
    assert not DelegationMember.objects.exists()


def test_xlsx_of_200000_rows_is_refused_before_reading(client, publisher, mission):
    """Issue 16: a 61 KB XLSX of 200,000 rows kept a worker busy until it was killed."""
    content = xlsx_with_sheet(sheet(200_000, same_row))
    assert len(content) < MAX_ROSTER_BYTES
    client.force_login(publisher)
    message = refusal(upload(client, mission, content, "xlsx"))
    assert f"The roster has more than {MAX_ROSTER_ROWS} rows" in message


def test_xlsx_that_unpacks_too_large_is_refused(client, publisher, mission):
    """Issue 16: 1.5 MB that unpacked to 440 MB of XML."""
    padding = "<!--" + "x" * (MAX_XLSX_UNPACKED_BYTES + 1) + "-->"
    content = xlsx_with_sheet(sheet(3, inline_row).replace("<sheetData>", padding + "<sheetData>"))
    assert len(content) < MAX_ROSTER_BYTES
    client.force_login(publisher)
    message = refusal(upload(client, mission, content, "xlsx"))
    assert "a roster spreadsheet unpacks to at most 16.0\xa0MB." in message


def test_xlsx_whose_dimension_claims_every_column_is_refused(client, publisher, mission):
    """A stated dimension of A1:XFD3 would have every row padded to 16,384 cells."""
    xml = sheet(3, inline_row).replace("<sheetData>", '<dimension ref="A1:XFD3"/><sheetData>')
    client.force_login(publisher)
    message = refusal(upload(client, mission, xlsx_with_sheet(xml), "xlsx"))
    assert f"Row 1 has 16384 columns; a roster has at most {MAX_ROSTER_COLUMNS}." in message


def test_too_many_columns_is_refused(client, publisher, mission):
    client.force_login(publisher)
    message = refusal(upload(client, mission, csv_roster(2, columns=MAX_ROSTER_COLUMNS + 1), "csv"))
    assert f"Row 2 has {MAX_ROSTER_COLUMNS + 1} columns" in message


def test_file_larger_than_the_limit_is_refused(client, publisher, mission):
    content = csv_roster(3) + b"#" * MAX_ROSTER_BYTES
    client.force_login(publisher)
    message = refusal(upload(client, mission, content, "csv"))
    assert "a roster file is at most 1.0\xa0MB" in message


@pytest.mark.parametrize(
    ("content", "kind", "expected"),
    [
        (
            b"name,country\nJos\xe9 Garc\xeda,ES\n",  # Latin-1, not Windows-1251
            "csv",
            "The file is not UTF-8 text (byte 0xe9 cannot be read)",
        ),
        (b"not a zip at all", "xlsx", "The file is not an XLSX spreadsheet."),
    ],
)
def test_unreadable_file_gets_a_message(client, publisher, mission, content, kind, expected):
    client.force_login(publisher)
    assert expected in refusal(upload(client, mission, content, kind))


def test_the_largest_accepted_rosters_pass_the_checks():
    check_roster_file(SimpleUploadedFile("r.csv", csv_roster(MAX_ROSTER_ROWS)), "csv")
    xml = sheet(MAX_ROSTER_ROWS + 1, inline_row)
    check_roster_file(SimpleUploadedFile("r.xlsx", xlsx_with_sheet(xml)), "xlsx")
