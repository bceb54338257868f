"""The contract between `validate` and everything after it, as a property: ANY geodata folder
that `validate` passes loads, exports (HTML and data) and opens every page without an
exception; a folder it does not pass gives every page a plain message, never a traceback.

Folders are the app's test atlas with one or two fields of its TOML files set to a value of
a random type (or removed), as a hand-edited folder goes wrong."""

from __future__ import annotations

import contextlib
import json
import math
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from apptest_support import VIEWS, write_app_geodata
from kengir_geo.data.atlas import load_atlas
from kengir_geo.data.schema import has_errors
from kengir_geo.data.validate import validate_geodata
from kengir_geo.export.data import export_data
from kengir_geo.export.html import ExportError, export_html

FILES = ("layers.toml", "story.toml", "sources.toml", "claims.toml", "figures.toml", "atlas.toml")
EXTRA_KEYS = (
    "notes", "weight", "color", "fill_color", "state_colors", "until", "fields", "visible",
    "description", "year", "url", "author", "kind", "note", "layers", "highlight", "date",
    "title", "id", "unit", "total", "sources", "status", "label", "value", "center", "zoom",
)  # fmt: skip
DELETE = object()

values = st.one_of(
    st.just(DELETE),
    st.integers(min_value=-5, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    st.booleans(),
    st.lists(st.one_of(st.integers(0, 9), st.text(max_size=4)), max_size=2),
    st.dictionaries(st.text(max_size=4), st.one_of(st.integers(0, 9), st.text(max_size=3)), max_size=2),
)  # fmt: skip


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in value.items()
            )
            + "}"
        )
    return json.dumps(str(value), ensure_ascii=False)


def toml_text(doc: dict) -> str:
    lines = []
    for key, value in doc.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for table in value:
                lines.append(f"\n[[{key}]]")
                lines += [
                    f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}"
                    for k, v in table.items()
                ]
        else:
            lines.insert(0, f"{json.dumps(key, ensure_ascii=False)} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return write_app_geodata(tmp_path_factory.mktemp("pristine"))


def mutated(pristine: Path, target: Path, data) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(pristine, target)
    for _ in range(data.draw(st.integers(1, 2), label="edits")):
        name = data.draw(st.sampled_from(FILES), label="file")
        doc = tomllib.loads((target / name).read_text())
        holders = [doc] + [t for v in doc.values() if isinstance(v, list) for t in v]
        holders += [v for v in doc.values() if isinstance(v, dict)]
        holders = [h for h in holders if isinstance(h, dict)]
        holders += [
            inner
            for t in holders
            for v in t.values()
            if isinstance(v, list)
            for inner in v
            if isinstance(inner, dict)
        ]
        holder = data.draw(st.sampled_from([h for h in holders if isinstance(h, dict)]))
        key = data.draw(st.sampled_from(sorted(holder) + list(EXTRA_KEYS)), label="key")
        value = data.draw(values, label="value")
        if value is DELETE:
            holder.pop(key, None)
        else:
            holder[key] = value
        (target / name).write_text(toml_text(doc))
    return target


def open_every_page(root: Path, monkeypatch) -> list[str]:
    """Each page file in AppTest; the exceptions they raised, as text."""
    monkeypatch.setenv("KENGIR_GEODATA", str(root))
    raised = []
    for page in sorted(VIEWS.glob("*.py")):
        if page.name == "__init__.py":
            continue
        at = AppTest.from_file(str(page), default_timeout=60).run()
        raised += [f"{page.name}: {e.value}" for e in at.exception]
    return raised


def test_the_test_atlas_itself_passes(pristine):
    assert not has_errors(validate_geodata(pristine))


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_folder_validate_passes_loads_and_exports(pristine, tmp_path, data):
    root = mutated(pristine, tmp_path / "geodata", data)
    if has_errors(validate_geodata(root)):
        return
    atlas = load_atlas(root)
    with contextlib.suppress(ExportError):  # a refusal in words is a fine answer
        export_html(atlas, tmp_path / "map.html")
    export_data(atlas, tmp_path / "data")


@pytest.mark.slow
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_every_page_opens_on_any_folder_without_a_traceback(pristine, tmp_path, monkeypatch, data):
    root = mutated(pristine, tmp_path / "geodata", data)
    assert open_every_page(root, monkeypatch) == []


BROKEN = [
    ("layers.toml", "layer = [1, 2]"),
    ("layers.toml", ""),
    ("layers.toml", "a = " + "[" * 600 + "]" * 600),
    ("story.toml", '[[chapter]]\nid = "c"\nlayers = 5\n'),
    ("sources.toml", '[[source]]\nid = "w-en"\ntitle = 5\n'),
    ("figures.toml", '[[figure]]\nid = "f"\ntitle = "F"\nvalue = 5\n'),
]


@pytest.mark.parametrize(("name", "text"), BROKEN)
def test_broken_folders_are_errors_in_plain_words(pristine, tmp_path, name, text):
    root = tmp_path / "geodata"
    shutil.copytree(pristine, root)
    (root / name).write_text(text)
    assert has_errors(validate_geodata(root))  # problems, never an exception


@pytest.mark.slow  # every page, on each broken folder (test_app_pages opens one broken folder)
@pytest.mark.parametrize(("name", "text"), BROKEN)
def test_broken_folders_give_plain_messages_on_every_page(
    pristine, tmp_path, monkeypatch, name, text
):
    root = tmp_path / "geodata"
    shutil.copytree(pristine, root)
    (root / name).write_text(text)
    assert open_every_page(root, monkeypatch) == []


@pytest.mark.parametrize("name", ["layers.toml", "sources.toml"])
def test_unreadable_files_are_problems(pristine, tmp_path, name):
    root = tmp_path / "geodata"
    shutil.copytree(pristine, root)
    (root / name).unlink()
    (root / name).mkdir()
    problems = validate_geodata(root)
    assert any(p.file == name and p.is_error for p in problems)
    (root / name).rmdir()
    (root / name).write_bytes(b'title = "\xff\xfe"\n')
    assert any(p.file == name and p.is_error for p in validate_geodata(root))


def edit(root: Path, name: str, index: int, key: str, value) -> None:
    doc = tomllib.loads((root / name).read_text())
    table = next(v for v in doc.values() if isinstance(v, list))[index]
    if value is DELETE:
        table.pop(key)
    else:
        table[key] = value
    (root / name).write_text(toml_text(doc))


@pytest.mark.parametrize(
    ("name", "key", "value"),
    [
        ("story.toml", "date", DELETE),
        ("story.toml", "notes", 5),
        ("story.toml", "layers", 5),
        ("layers.toml", "weight", "thick"),
        ("layers.toml", "weight", math.inf),
        ("layers.toml", "state_colors", "red"),
        ("layers.toml", "id", [1]),
        ("layers.toml", "title", ""),
        ("sources.toml", "title", 5),
        ("figures.toml", "unit", 5),
        ("claims.toml", "item", 5),
    ],
)
def test_what_crashed_an_export_or_a_page_is_refused(pristine, tmp_path, name, key, value):
    """Each of these passed `validate` and then crashed `export` or a page."""
    root = tmp_path / "geodata"
    shutil.copytree(pristine, root)
    edit(root, name, 1 if name == "figures.toml" else 0, key, value)
    assert any(p.is_error and p.field.startswith(key) for p in validate_geodata(root))
