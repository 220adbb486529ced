"""Spreadsheets in and out of the site (CSV and XLSX).

Out: every cell a spreadsheet program could run as a formula is written as text
(:func:`neutralize`, OWASP's rule against CSV injection); every export calls it, through the
formats below or directly. In: a roster's size, rows and columns are checked before any
library parses it (:func:`check_roster_file`), so an upload cannot exhaust a worker.
"""

import csv
import io
import re
import zipfile

import openpyxl
import tablib
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from import_export.formats import base_formats

# Limits on a roster upload (SECURITY.md says why each is where it is).
MAX_ROSTER_BYTES = 1024 * 1024  # the file as uploaded
MAX_XLSX_UNPACKED_BYTES = 16 * 1024 * 1024  # every part of an XLSX, uncompressed
MAX_ROSTER_ROWS = 1000  # members, after the header row
MAX_ROSTER_COLUMNS = 20

# A cell starting with one of these is a formula, or becomes one, in Excel, LibreOffice and
# Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    """The value to write in an exported cell: text that would start a formula gets a leading
    apostrophe, so spreadsheets show it instead of running it; other values are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralized(dataset):
    """A copy of a tablib Dataset with every cell and heading neutralized."""
    rows = [[neutralize(cell) for cell in row] for row in dataset]
    headers = [neutralize(name) for name in dataset.headers] if dataset.headers else None
    return tablib.Dataset(*rows, headers=headers, title=dataset.title)


class CSV(base_formats.CSV):
    """django-import-export's CSV with neutralized cells."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralized(dataset), **kwargs)


class XLSX(base_formats.XLSX):
    """django-import-export's XLSX with neutralized cells (never a formula cell)."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralized(dataset), **kwargs)


# --- reading ------------------------------------------------------------------------------


def check_roster_file(upload, kind):
    """Raise ValidationError, naming the limit, if a roster file (`kind` "csv" or "xlsx") is
    larger than the site reads; read nothing more than the limits allow."""
    if upload.size > MAX_ROSTER_BYTES:
        raise ValidationError(
            _("The file is %(size)s; a roster file is at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_ROSTER_BYTES)}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    rows = xlsx_rows(data) if kind == "xlsx" else csv_rows(data)
    count_rows(rows)


def count_rows(rows):
    """Walk the rows, stopping at the first one past a limit."""
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROSTER_ROWS + 1:  # the header row and the members
            raise ValidationError(
                _(
                    "The roster has more than %(limit)d rows; "
                    "import it in parts of at most %(limit)d."
                )
                % {"limit": MAX_ROSTER_ROWS}
            )
        if len(row) > MAX_ROSTER_COLUMNS:
            raise ValidationError(
                _("Row %(row)d has %(count)d columns; a roster has at most %(limit)d.")
                % {"row": number, "count": len(row), "limit": MAX_ROSTER_COLUMNS}
            )


# A Latin letter beside a Cyrillic one: a file in another 8-bit encoding read as Windows-1251.
MIXED_SCRIPTS = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]")


def decode_csv(data):
    """The text of a CSV file: UTF-8 (with or without a BOM), else Windows-1251 (what a
    Russian spreadsheet program writes) when it reads as words in one script."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            text = None
        if text is None or MIXED_SCRIPTS.search(text):
            raise ValidationError(
                _(
                    "The file is not UTF-8 text (byte 0x%(byte)02x cannot be read); "
                    "save it as UTF-8 CSV."
                )
                % {"byte": data[error.start]}
            ) from None
        return text


def csv_rows(data):
    text = decode_csv(data)
    try:
        yield from csv.reader(io.StringIO(text))
    except csv.Error as error:
        raise ValidationError(
            _("The file is not a readable CSV file (%(error)s).") % {"error": error}
        ) from None


def xlsx_rows(data):
    """The rows of the sheet the importer reads, once the archive is known to be small enough."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # zipfile never unpacks a part beyond its stated size, so the sum is a true bound.
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ValidationError(_("The file is not an XLSX spreadsheet.")) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ValidationError(
            _(
                "The spreadsheet unpacks to %(size)s; "
                "a roster spreadsheet unpacks to at most %(limit)s."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(MAX_XLSX_UNPACKED_BYTES)}
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            yield from book.active.iter_rows(values_only=True)
        finally:
            book.close()
    except Exception:  # openpyxl raises many kinds of error for a damaged file
        raise ValidationError(_("The file is not an XLSX spreadsheet.")) from None
