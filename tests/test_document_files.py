"""Document files: only real PDF, DOCX and ODT up to 20 MB, stored through Django's storage."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from missions import visibility
from missions.models import DocumentFile, Mission
from missions.models.publications import MAX_FILE_SIZE
from tests import factories

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def zipped(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


DOCX = zipped(
    [
        (
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
        (
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        ),
        (
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Final report</w:t></w:r></w:p>'
            "</w:body></w:document>",
        ),
    ]
)

ODT = zipped(
    [
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        (
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>',
        ),
        (
            "content.xml",
            '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:'
            'text:1.0"><office:body><office:text><text:p>Final report</text:p></office:text>'
            "</office:body></office:document-content>",
        ),
    ]
)

ODS = zipped(
    [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")]
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path


@pytest.fixture
def document(mission):
    return factories.document(mission)


def stored(name):
    with default_storage.open(name) as stored_file:
        return stored_file.read()


def attach(document, name, content, **fields):
    return DocumentFile(document=document, file=ContentFile(content, name=name), **fields)


def refusal(record):
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    return error.value.message_dict["file"]


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        (
            "report.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("report.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ],
)
def test_a_real_pdf_docx_or_odt_is_stored_through_the_storage(
    document, media, name, content, media_type
):
    record = attach(document, name, content, language="ru", title_ru="Итоговый отчёт")
    record.full_clean()
    record.save()
    record.refresh_from_db()
    assert record.size == len(content)
    assert record.media_type == media_type
    assert record.file.name == f"documents/{record.uid}/{name}"
    assert stored(record.file.name) == content
    assert (media / record.file.name).read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"Just some text that claims to be a PDF.\n"),
        ("report.docx", b"Plain text, renamed.\n"),
        ("report.pdf", EXE),
        ("report.odt", ODS),
        ("report.docx", ODT),
        ("report.odt", zipped([("hello.txt", "not a document")])),
        ("report.pdf", b"PK\x03\x04 broken zip"),
    ],
    ids=[
        "text-as-pdf",
        "text-as-docx",
        "exe-as-pdf",
        "spreadsheet-as-odt",
        "odt-as-docx",
        "zip-as-odt",
        "broken-zip",
    ],
)
def test_content_that_is_not_what_its_name_says_is_refused(document, name, content):
    messages = refusal(attach(document, name, content))
    kind = name.rsplit(".", 1)[1].upper()
    assert messages == [
        f"{name} is not a {kind} file inside: only PDF, DOCX and ODT files are accepted."
    ]


@pytest.mark.parametrize("name", ["setup.exe", "notes.txt", "report", "report.doc"])
def test_other_kinds_of_file_are_refused_by_name(document, name):
    content = EXE if name.endswith(".exe") else PDF
    assert refusal(attach(document, name, content)) == [
        f"{name}: only PDF, DOCX and ODT files are accepted."
    ]


def test_a_file_over_20_mb_is_refused_and_one_of_20_mb_accepted(document):
    at_limit = PDF + b"0" * (MAX_FILE_SIZE - len(PDF))
    attach(document, "big.pdf", at_limit).full_clean()
    messages = refusal(attach(document, "huge.pdf", at_limit + b"0"))
    assert messages == ["huge.pdf is 20.0 MB; a file may be at most 20 MB."]


def test_two_uploads_of_one_name_keep_both_files(document):
    first = attach(document, "report.pdf", PDF)
    first.save()
    second = attach(document, "report.pdf", PDF + b"%second\n")
    second.save()
    assert first.file.name != second.file.name
    assert stored(first.file.name) == PDF


def test_a_file_of_a_mission_not_published_is_not_public(document):
    record = attach(document, "report.pdf", PDF)
    record.save()
    assert list(visibility.public_files()) == [record]
    Mission.objects.filter(pk=document.mission_id).update(status=Mission.Status.REVIEW)
    assert not visibility.public_files().exists()


def test_a_stored_file_is_not_read_again_to_validate_its_record(document):
    record = attach(document, "report.pdf", PDF)
    record.save()
    record = DocumentFile.objects.get(pk=record.pk)
    record.title = "Statement (PDF)"
    record.full_clean()
    assert record.file._file is None  # validation left the stored file unopened
