"""A layer from other years: about fifty camps opened and closed between 1923 and 1960, made
here as a spreadsheet would have them and added with `kengir-geo add`. Their dates reach the
atlas's span and its years, and a picture of a day in 1938 shows what exists then."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from factories import write_geodata
from kengir_geo import load_atlas
from kengir_geo.cli.main import cli
from kengir_geo.export.html import export_page, story_config
from kengir_geo.export.picture import existing_on, for_the_day
from kengir_geo.story.periods import periods
from kengir_geo.story.timeline import date_range_of

CAMPS = 50


def write_camps(path):
    """Camp n opens in 1923 + 37n/49 (1923 … 1960) and closes 1 to 8 years later (at most in
    1960); spread over Siberia and Kazakhstan."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "lat", "lon", "opened", "closed"])
        for n in range(CAMPS):
            opened = 1923 + round(37 * n / (CAMPS - 1))
            closed = min(opened + 1 + n % 8, 1960)
            writer.writerow([f"Camp {n + 1}", 45 + n % 20, 60 + 2 * (n % 25), opened, closed])
    return path


def geodata_with_camps(folder: Path) -> Path:
    """A geodata folder with the camps added as a historian would: `kengir-geo add`."""
    root = write_geodata(folder / "geodata")
    path = write_camps(folder / "camps.csv")
    result = CliRunner().invoke(
        cli, ["add", str(path), "--id", "camps", "--title", "Camps", "--geodata", str(root)]
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    return load_atlas(geodata_with_camps(tmp_path_factory.mktemp("years")))


def test_the_added_layers_dates_reach_the_atlas_span_and_its_years(atlas):
    assert len(atlas.layers["camps"].frame) == CAMPS
    assert date_range_of(atlas) == (date(1923, 1, 1), date(1960, 12, 31))
    years = [p.id for p in periods(atlas) if p.id != "focus"]
    assert years[0] == "1923" and years[-1] == "1960" and len(years) == 38


def test_a_day_in_1938_frames_what_exists_then_and_is_titled_with_it(atlas):
    day = date(1938, 1, 1)
    there = existing_on(atlas, day)
    frame = atlas.layers["camps"].frame
    expected = {
        str(row.id)
        for row in frame.itertuples()
        if date.fromordinal(int(row.first_day)) <= day <= date.fromordinal(int(row.last_day))
    }
    assert set(there) == expected and expected
    picture = for_the_day(atlas, day)
    assert picture.settings.title == "1 January 1938"
    assert picture.settings.start_view.frame == there
    story = story_config(picture, None, day, slide=True)  # what the export's story control gets
    assert json.dumps(story["title"]) in export_page(picture, None, day, slide=True)
    assert story["title"] == "1 January 1938"
    assert story["range"][0] <= day.toordinal() <= story["range"][1]  # the slider holds 1938
    assert story["day"] == day.toordinal()
    assert set(story["frame"]) == expected


def test_frame_names_a_layer_or_is_refused(atlas):
    assert for_the_day(atlas, date(1938, 1, 1), ("camps",)).settings.start_view.frame == ("camps",)
    with pytest.raises(Exception, match="no layer nope"):
        for_the_day(atlas, date(1938, 1, 1), ("nope",))


@pytest.mark.browser
def test_export_date_draws_the_picture(atlas, tmp_path, browser):
    out = tmp_path / "1938.png"
    args = ["export", "--date", "1938-01-01", "--out", str(out), "--size", "1280x720"]
    result = CliRunner().invoke(cli, [*args, "--geodata", str(atlas.root)])
    assert result.exit_code == 0, result.output
    image = Image.open(out)
    assert image.size == (1280, 720)
    assert len(image.convert("RGB").resize((64, 36)).getcolors(4096)) > 20  # a map, not a blank
