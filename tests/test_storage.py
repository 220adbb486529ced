"""Files on S3-compatible storage (moto's server on 127.0.0.1), chosen by the environment."""

import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from harness import servers
from missions.models import DocumentFile
from observers_site.settings.backends import default_storage as storage_settings
from tests import factories
from tests.test_document_files import PDF

pytestmark = pytest.mark.skipif(
    not servers.s3_available(), reason="moto_server is missing: pip install -r requirements-dev.txt"
)


@pytest.fixture(scope="module")
def s3_environ():
    with servers.s3() as environ:
        yield environ


@pytest.fixture
def s3_storage(s3_environ, settings, monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, s3_environ[name])
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_settings(s3_environ, "unused"),
    }
    return default_storage


def test_local_disk_is_the_default(tmp_path):
    backend = storage_settings({}, tmp_path)
    assert backend["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert backend["OPTIONS"]["location"] == str(tmp_path)


def test_a_file_written_through_default_storage_is_read_back_from_s3(s3_storage):
    name = s3_storage.save("documents/statement.pdf", ContentFile(b"%PDF-1.7 statement"))
    try:
        assert name.startswith("documents/statement")
        assert s3_storage.exists(name)
        with s3_storage.open(name) as stored:
            assert stored.read() == b"%PDF-1.7 statement"
        assert s3_storage.size(name) == len(b"%PDF-1.7 statement")
    finally:
        s3_storage.delete(name)
    assert not s3_storage.exists(name)


def test_a_second_file_of_the_same_name_does_not_overwrite_the_first(s3_storage):
    first = s3_storage.save("documents/report.pdf", ContentFile(b"first"))
    second = s3_storage.save("documents/report.pdf", ContentFile(b"second"))
    try:
        assert first != second
        with s3_storage.open(first) as stored:
            assert stored.read() == b"first"
    finally:
        s3_storage.delete(first)
        s3_storage.delete(second)


def test_links_to_files_are_short_lived_signed_urls(s3_storage):
    name = s3_storage.save("documents/signed.txt", ContentFile(b"signed"))
    try:
        url = s3_storage.url(name)
        assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.read() == b"signed"
    finally:
        s3_storage.delete(name)


def test_readyz_checks_the_s3_storage(s3_storage, client, db):
    response = client.get("/readyz")
    assert response.json()["checks"]["storage"] == "ok"


def test_a_document_file_is_checked_and_stored_on_s3(s3_storage, mission):
    record = DocumentFile(
        document=factories.document(mission), file=ContentFile(PDF, name="report.pdf")
    )
    record.full_clean()
    record.save()
    try:
        record.refresh_from_db()
        assert record.size == len(PDF)
        assert s3_storage.exists(record.file.name)
        with s3_storage.open(record.file.name) as stored:
            assert stored.read() == PDF
    finally:
        s3_storage.delete(record.file.name)
