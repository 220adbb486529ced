"""Hostile input to imports: random and mutated documents end in a clear error or a clean
import, never a traceback and never a partial write."""

import copy
import json
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from missions.interchange import DocumentError, Source, import_sources
from missions.interchange.loading import MAX_DOCUMENT_BYTES, MAX_KEYS, load_source
from missions.interchange.problems import format_path
from missions.models import Mission

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "missions" / "fixtures" / "kz-senate-2017.yaml"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_DOCUMENT = load_source(Source(SEED.name, SEED_TEXT))[0]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def snapshot():
    """Every row of the domain tables, many-to-many links included."""
    models = apps.get_app_config("missions").get_models(include_auto_created=True)
    return {model._meta.label: list(model.objects.order_by("pk").values_list()) for model in models}


def attempt(source):
    """Import one source; a refusal must name problems and leave the database as it was."""
    before = snapshot()
    try:
        import_sources([source])
    except DocumentError as error:
        assert error.problems
        assert all(problem.message for problem in error.problems)
        assert snapshot() == before
        event("refused")
        return None
    document = load_source(source)[0]
    assert Mission.objects.filter(slug=document["mission"]["slug"]).exists()
    event("imported")
    return document


def paths(node, prefix=()):
    """Every path into a document: ("mission", "slug"), ("visits", 0, "date"), ..."""
    yield prefix
    if isinstance(node, dict | list):
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in items:
            yield from paths(child, (*prefix, key))


SEED_PATHS = [path for path in paths(SEED_DOCUMENT) if path]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["", "KZ", "ipa-cis", "2017-02-30", "published", "a\x00b", "x" * 300]),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def mutate(document, path, operation, value):
    document = copy.deepcopy(document)
    *parents, last = path
    target = document
    for key in parents:
        target = target[key]
    if operation == "delete":
        del target[last]
    elif operation == "replace":
        target[last] = value
    elif isinstance(target[last], dict):
        target[last]["unexpected"] = value
    elif isinstance(target[last], list):
        target[last].append(value)
    return document


def as_source(document, suffix):
    if suffix == ".json":
        return Source("mutated.json", json.dumps(document, ensure_ascii=False))
    return Source("mutated.yaml", yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


@FUZZ
@given(
    content=st.binary(max_size=3000) | st.text(max_size=3000),
    suffix=st.sampled_from([".yaml", ".json", ".yml"]),
)
def test_random_content_is_refused_cleanly(content, suffix):
    attempt(Source(f"random{suffix}", content))


@FUZZ
@given(
    path=st.sampled_from(SEED_PATHS),
    operation=st.sampled_from(["delete", "replace", "add"]),
    value=json_values,
    suffix=st.sampled_from([".yaml", ".json"]),
)
def test_mutated_seed_document_is_refused_or_imported_whole(path, operation, value, suffix):
    attempt(as_source(mutate(SEED_DOCUMENT, path, operation, value), suffix))


@FUZZ
@given(
    position=st.integers(min_value=0, max_value=len(SEED_TEXT)),
    cut=st.integers(min_value=0, max_value=40),
    insert=st.text(max_size=10)
    | st.sampled_from(["&a ", "*a", "\t", ": ", "- ", "\x00", "\ufeff"]),
)
def test_edited_seed_text_is_refused_or_imported_whole(position, cut, insert):
    text = SEED_TEXT[:position] + insert + SEED_TEXT[position + cut :]
    attempt(Source("edited.yaml", text))


def refused(source):
    with pytest.raises(DocumentError) as error:
        import_sources([source])
    return str(error.value)


def test_alias_bomb_is_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join([f'*{previous}'] * 9)}]")
    message = refused(Source("bomb.yaml", "\n".join(lines)))
    assert "bomb.yaml: line 5: YAML aliases here expand to far more" in message


def test_alias_that_contains_itself_is_refused():
    message = refused(Source("loop.yaml", "format: mission/1\nmission: &m {slug: [*m]}\n"))
    assert "loop.yaml: line 2: a YAML alias refers to a node that contains it" in message


def test_a_few_honest_aliases_are_fine():
    document, problems = load_source(Source("aliases.yaml", "a: &x [1, 2]\nb: *x\nc: *x\n"))
    assert not problems
    assert document == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


def test_oversized_document_is_refused():
    content = SEED_TEXT + "#" * MAX_DOCUMENT_BYTES
    message = refused(Source("huge.yaml", content))
    assert "huge.yaml: the document is" in message
    assert f"at most {MAX_DOCUMENT_BYTES} bytes" in message


@pytest.mark.parametrize("name", ["deep.yaml", "deep.json"])
def test_deeply_nested_document_is_refused(name):
    message = refused(Source(name, '{"format": ' + "[" * 5000 + "]" * 5000 + "}"))
    assert "nested more than 40 levels deep" in message


def test_document_that_is_not_utf8_gets_a_clear_message():
    content = SEED_TEXT.replace("Kazakhstan", "Kazakhstán").encode("cp1252", errors="replace")
    message = refused(Source("latin.yaml", content))
    assert "latin.yaml: line 4: not UTF-8 text (byte 0xe1 cannot be read)" in message


def test_nul_character_in_text_is_refused():
    document = mutate(SEED_DOCUMENT, ("mission", "summary"), "replace", "before\x00after")
    message = refused(Source("nul.json", json.dumps(document)))
    assert "nul.json: mission.summary: text contains a NUL character" in message
    escaped = SEED_TEXT.replace("place: Astana", 'place: "Ast\\0ana"', 1)
    assert "Ast\\0ana" in escaped
    assert "text contains a NUL character" in refused(Source("nul.yaml", escaped))


# Large mappings and huge numbers: refused with the limit and the place, whatever the position.

HUGE = "HUGE-VALUE-PLACEHOLDER"


def with_placeholder(path, suffix):
    """The seed as text with a placeholder standing at `path`, to be replaced by raw text."""
    source = as_source(mutate(SEED_DOCUMENT, path, "replace", HUGE), suffix)
    placeholder = f'"{HUGE}"' if suffix == ".json" else HUGE
    assert source.content.count(placeholder) == 1
    return source.name, source.content, placeholder


@FUZZ
@given(
    path=st.sampled_from(SEED_PATHS),
    keys=st.integers(min_value=MAX_KEYS + 1, max_value=20_000),
    suffix=st.sampled_from([".yaml", ".json"]),
)
def test_large_mapping_anywhere_is_refused_with_the_limit(path, keys, suffix):
    name, text, placeholder = with_placeholder(path, suffix)
    if suffix == ".json":
        mapping = "{" + ", ".join(f'"k{i}": {i}' for i in range(keys)) + "}"
    else:
        mapping = "{" + ", ".join(f"k{i}: {i}" for i in range(keys)) + "}"
    before = snapshot()
    message = refused(Source(name, text.replace(placeholder, mapping)))
    assert f"a mapping with {keys} keys; a mapping in a mission document has at most 100" in message
    assert snapshot() == before


@FUZZ
@given(
    path=st.sampled_from(SEED_PATHS),
    digits=st.integers(min_value=11, max_value=200_000),
    sign=st.sampled_from(["", "-"]),
    suffix=st.sampled_from([".yaml", ".json"]),
)
def test_huge_number_anywhere_is_refused_naming_its_place(path, digits, sign, suffix):
    name, text, placeholder = with_placeholder(path, suffix)
    number = sign + "9" * digits
    before = snapshot()
    message = refused(Source(name, text.replace(placeholder, number)))
    assert f"{name}: {format_path(path)}: a number of {digits} digits" in message
    assert "at most 10 digits" in message
    assert snapshot() == before


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_mapping_with_216686_keys_is_refused_by_its_size_of_keys(suffix):
    """The attack in issue 16: a 2 MB JSON object of short keys (here YAML too)."""
    keys = 216_686 if suffix == ".json" else 200_000
    if suffix == ".json":
        text = json.dumps({f"{i:x}": 0 for i in range(keys)}, separators=(",", ":"))
    else:
        text = "\n".join(f"{i:x}: 0" for i in range(keys))
    assert len(text.encode()) < MAX_DOCUMENT_BYTES
    message = refused(Source(f"keys{suffix}", text))
    assert f"a mapping with {keys} keys; a mapping in a mission document has at most 100" in message


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_duplicate_key_is_still_named_in_a_full_mapping(suffix):
    pairs = [f"k{i}" for i in range(MAX_KEYS - 1)] + ["k7"]
    if suffix == ".json":
        text = "{" + ", ".join(f'"{key}": 1' for key in pairs) + "}"
    else:
        text = "\n".join(f"{key}: 1" for key in pairs)
    assert "duplicate key 'k7'" in refused(Source(f"dup{suffix}", text))


def test_a_number_the_schema_allows_still_imports():
    text = SEED_TEXT.replace(
        "    region_kind: city\n", "    region_kind: city\n    stations_visited: 2147483647\n", 1
    )
    import_sources([Source("stations.yaml", text)])
    visit = Mission.objects.get().visits.get(region__name="Astana")
    assert visit.stations_visited == 2147483647


def test_every_number_in_the_schema_is_bounded():
    """Over-long numbers are refused before conversion by the schema's largest bound, so
    every number the schema describes must have one."""
    from missions.interchange.schema import schema

    pending, numbers = [schema()], []
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if node.get("type") in ("integer", "number"):
                numbers.append(node)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    assert numbers
    assert all("minimum" in node and "maximum" in node for node in numbers)
