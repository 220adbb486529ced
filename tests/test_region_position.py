"""Where a region is: `region_lat`/`region_lon` in mission documents (a project extension)
and the region's latitude/longitude in the admin."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from missions.interchange import DocumentError, Source, import_sources, mission_to_document
from missions.interchange.exporting import dump_yaml
from missions.models import Mission, Region

from .documents_helpers import SEED, empty_database, import_text, row_counts

pytestmark = pytest.mark.django_db

SLUG = "kz-senate-2017-ipa-cis"
ASTANA = "    region: Astana\n    region_ru: Астана\n    region_kind: city\n"
KARAGANDA = "    region_kind: region\n    stages: [opening, voting, counting, tabulation]\n"


def placed(text=SEED, lat="51.16944", lon="71.44944"):
    """The seed with Astana's position given after its region_kind."""
    return text.replace(ASTANA, ASTANA + f"    region_lat: {lat}\n    region_lon: {lon}\n", 1)


def export(slug=SLUG):
    return dump_yaml(mission_to_document(Mission.objects.get(slug=slug)))


def astana():
    return Region.objects.get(name="Astana")


def other_mission(text):
    """The same text as a document of another mission, observing the same election."""
    return text.replace(f"slug: {SLUG}", "slug: kz-senate-2017-other", 1)


def problems(text, name="kz.yaml", **options):
    before = row_counts()
    with pytest.raises(DocumentError) as error:
        import_text(text, name=name, **options)
    assert row_counts() == before  # nothing written
    return [str(problem) for problem in error.value.problems]


# --- import and export ---------------------------------------------------------------------


@pytest.fixture
def exported_seed():
    """The seed as export writes it (no region has a position), then an empty database."""
    import_text(SEED)
    text = export()
    empty_database()
    return text


def test_position_imports_and_exports_after_region_kind_byte_for_byte(exported_seed):
    text = placed(exported_seed)
    assert text != exported_seed
    import_text(text)
    assert (astana().latitude, astana().longitude) == (Decimal("51.16944"), Decimal("71.44944"))
    assert Region.objects.get(name="Akmola Region").latitude is None
    assert export() == text  # the two keys where they were, as they were written
    empty_database()
    import_text(text)
    assert export() == text


@pytest.mark.parametrize(("lat", "lon"), [("50", "-73"), ("-0.5", "179.99999"), ("90", "-180")])
def test_whole_negative_and_limit_degrees_round_trip(exported_seed, lat, lon):
    text = placed(exported_seed, lat=lat, lon=lon)
    import_text(text)
    assert (astana().latitude, astana().longitude) == (Decimal(lat), Decimal(lon))
    assert export() == text


def test_json_carries_the_position_as_numbers(exported_seed):
    import_text(placed(exported_seed))
    document = mission_to_document(Mission.objects.get(slug=SLUG))
    visit = document["visits"][0]
    assert json.loads(json.dumps(visit))["region_lat"] == 51.16944
    empty_database()
    import_sources([Source("kz.json", json.dumps(document, ensure_ascii=False))])
    assert export() == placed(exported_seed)


def test_unchanged_position_is_not_an_update():
    import_text(placed())
    assert not import_text(placed()).total().changed()


# --- bad positions: refused at their place, nothing written --------------------------------


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        ("90.5", "71", "kz.yaml: visits[0].region_lat: must be at most 90"),
        ("-91", "71", "kz.yaml: visits[0].region_lat: must be -90 or more, not -91"),
        ("51", "180.1", "kz.yaml: visits[0].region_lon: must be at most 180"),
        ("51", "-200", "kz.yaml: visits[0].region_lon: must be -180 or more, not -200"),
        ("north", "71", "kz.yaml: visits[0].region_lat: must be a number, not 'north'"),
        ("51", "true", "kz.yaml: visits[0].region_lon: must be a number, not a true/false value"),
        (".nan", "71", "kz.yaml: visits[0].region.latitude: “NaN” value must be a decimal number."),
        (
            "51.123456",
            "71",
            "kz.yaml: visits[0].region.latitude: Ensure that there are no more than "
            "5 decimal places.",
        ),
    ],
)
def test_a_position_out_of_range_or_not_a_number_is_refused(lat, lon, message):
    assert message in problems(placed(lat=lat, lon=lon))


def test_one_coordinate_without_the_other_is_refused():
    only_lat = SEED.replace(ASTANA, ASTANA + "    region_lat: 51.2\n", 1)
    assert problems(only_lat) == ["kz.yaml: visits[0].region_lon: is required"]
    only_lon = SEED.replace(ASTANA, ASTANA + "    region_lon: 71.4\n", 1)
    assert problems(only_lon) == ["kz.yaml: visits[0].region_lat: is required"]


def test_two_visits_putting_one_region_in_two_places_are_refused():
    text = placed(lat="51.17", lon="71.45")
    second = text.split("visits:\n")[1].split("  - date:")[1]  # Astana's visit
    moved = second.replace("region_lat: 51.17", "region_lat: 52.2")
    text = text.replace("documents:\n", f"  - date:{moved}documents:\n", 1)
    assert problems(text) == [
        "kz.yaml: visits[3].region_lat: Astana is at 51.17, 71.45 in an earlier visit"
    ]


# --- a shared region (changed rule 1) ------------------------------------------------------


@pytest.fixture
def shared_astana():
    """Astana placed by the seed; another mission visits it too."""
    import_text(placed(lat="51.17", lon="71.45"))
    import_text(other_mission(SEED), name="other.yaml")
    return astana()


def test_leaving_the_position_out_keeps_it(shared_astana):
    import_text(SEED)  # the seed's own document, without positions
    assert (astana().latitude, astana().longitude) == (Decimal("51.17"), Decimal("71.45"))
    assert "    region_lat: 51.17\n    region_lon: 71.45\n" in export()


def test_moving_a_region_another_mission_visits_is_refused(shared_astana):
    found = problems(other_mission(placed(lat="50", lon="71.45")), name="other.yaml")
    assert found == [
        'other.yaml: visits[0].region.latitude: differs from the stored "51.17000" (used by 1 '
        "other mission: kz-senate-2017-ipa-cis); import with --update-shared to change it"
    ]
    assert astana().latitude == Decimal("51.17")


def test_update_shared_moves_it_and_the_report_says_so(shared_astana):
    text = other_mission(placed(lat="50", lon="71.45"))
    report = import_text(text, name="other.yaml", update_shared=True).as_text()
    assert astana().latitude == Decimal("50")
    assert 'region KZ/Astana: latitude: "51.17000" → "50"' in report


def test_placing_a_shared_region_not_yet_placed_is_not_a_disagreement():
    import_text(SEED)
    import_text(other_mission(SEED), name="other.yaml")
    report = import_text(other_mission(placed()), name="other.yaml").as_text()
    assert astana().latitude == Decimal("51.16944")
    assert 'region KZ/Astana: latitude: "" → "51.16944"' in report


# --- the admin -----------------------------------------------------------------------------


def region_form(region, **fields):
    return {"country": region.country_id, "name": region.name, "kind": region.kind} | fields


def test_admin_sets_a_regions_position(admin_client):
    import_text(SEED)
    url = reverse("admin:missions_region_change", args=[astana().pk])
    page = admin_client.get(url).content.decode()
    assert 'name="latitude"' in page and 'name="longitude"' in page
    response = admin_client.post(url, region_form(astana(), latitude="51.17", longitude="71.45"))
    assert response.status_code == 302
    assert (astana().latitude, astana().longitude) == (Decimal("51.17"), Decimal("71.45"))
    assert "    region_lat: 51.17\n    region_lon: 71.45\n" in export()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"latitude": "51.17"}, "longitude", "Give both the latitude and the longitude"),
        ({"latitude": "95", "longitude": "71"}, "latitude", "less than or equal to 90"),
        ({"latitude": "51", "longitude": "-181"}, "longitude", "greater than or equal to -180"),
    ],
)
def test_admin_refuses_half_a_position_or_one_out_of_range(admin_client, fields, field, message):
    import_text(SEED)
    url = reverse("admin:missions_region_change", args=[astana().pk])
    response = admin_client.post(url, region_form(astana(), **fields))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    assert astana().latitude is None
