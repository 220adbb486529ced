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
from missions.interchange.loading import MAX_DOCUMENT_BYTES, load_source
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
    items = node.items() if isinstance(node, dict) else enumerate(node)
    if isinstance(node, dict | list):
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
