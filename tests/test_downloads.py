"""Downloads of the public lists: CSV with a BOM and XLSX, filters kept, formulas neutralized."""

import csv
import io

import openpyxl
import pytest

from missions.models import Person

from . import factories

pytestmark = pytest.mark.django_db

SEED = "kz-senate-2017-ipa-cis"


@pytest.fixture
def seed():
    return factories.load_seed()


def csv_rows(response):
    data = b"".join(response.streaming_content)
    assert data.startswith("\ufeff".encode())  # spreadsheet programs then read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_sheets(response):
    data = b"".join(response.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    sheets = {
        name: [list(r) for r in workbook[name].iter_rows(values_only=True)]
        for name in workbook.sheetnames
    }
    workbook.close()
    return sheets


@pytest.mark.parametrize("name", ["missions", "people", "organizations", "elections"])
def test_every_list_downloads_as_csv_and_xlsx(client, seed, name, settings):
    settings.DATA_LICENSE = "CC BY 4.0"
    response = client.get(f"/downloads/{name}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["X-Data-License"] == "CC BY 4.0"
    rows = csv_rows(response)
    assert len(rows) > 1
    response = client.get(f"/downloads/{name}.xlsx")
    assert response.status_code == 200
    sheets = xlsx_sheets(response)
    assert sheets[name][0] == rows[0]
    assert len(sheets[name]) == len(rows)
    assert sheets["license"][0] == ["license", "CC BY 4.0"]


def test_the_mission_download_keeps_the_filters_and_both_languages(client, seed):
    factories.full_mission(election=factories.election(country=factories.country("UZ")))
    everything = csv_rows(client.get("/downloads/missions.csv"))
    assert len(everything) == 3
    (header, row) = csv_rows(client.get("/downloads/missions.csv?country=KZ"))
    record = dict(zip(header, row, strict=True))
    assert record["slug"] == SEED and record["country"] == "KZ"
    assert record["title_ru"].startswith("Наблюдение МПА СНГ")
    assert record["page"] == f"http://testserver/en/missions/{SEED}/"


def test_cells_that_would_be_formulas_are_neutralized(client, seed):
    Person.objects.filter(slug=seed.coordinator.slug).update(name='=HYPERLINK("x")')
    rows = csv_rows(client.get("/downloads/people.csv"))
    assert ['\'=HYPERLINK("x")'] == [r[1] for r in rows if r[1].startswith("'")]
    sheet = xlsx_sheets(client.get("/downloads/people.xlsx"))["people"]
    assert '\'=HYPERLINK("x")' in [r[1] for r in sheet]


def test_recommendations_download(client, seed):
    factories.recommendation(seed.documents.get(), 1, text="Amend the law.")
    (header, row) = csv_rows(client.get("/downloads/recommendations.csv"))
    assert dict(zip(header, row, strict=True))["text"] == "Amend the law."
    header, row = xlsx_sheets(client.get("/downloads/recommendations.xlsx"))["recommendations"]
    record = dict(zip(header, row, strict=True))
    assert record["text"] == "Amend the law."
    assert record["document"] == str(seed.documents.get().uid)  # a UUID, written as text


@pytest.mark.parametrize("query", ["country=zz", "year=abc", "person=nobody", "sender=%00"])
def test_a_bad_filter_is_a_400_naming_it(client, seed, query):
    response = client.get(f"/downloads/missions.csv?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.content.decode()


@pytest.mark.parametrize("url", ["/downloads/secrets.csv", "/downloads/missions.exe"])
def test_unknown_downloads_are_not_found(client, url):
    assert client.get(url).status_code == 404


# Not "page": that is pytest-playwright's fixture, and a test naming it is given a browser.
@pytest.mark.parametrize("name", ["missions", "people", "elections"])
def test_list_pages_link_their_downloads_with_their_filters(client, seed, name):
    html = client.get(f"/en/{name}/?country=KZ").content.decode()
    assert f'href="/downloads/{name}.csv?country=KZ"' in html
    assert f'href="/downloads/{name}.xlsx?country=KZ"' in html
