"""`kengir-geo export` and `kengir-geo export-data`: the offline map and the data, as files.

Exit codes as in cli.py: 0 written, 1 the geodata has errors, 2 a usage error.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from kengir_geo.cli.options import geodata_option
from kengir_geo.cli.writing import lang_option, load, out_option, progress, writing
from kengir_geo.data.translated import atlas_in
from kengir_geo.export.data import export_data
from kengir_geo.export.html import export_html, export_summary
from kengir_geo.export.picture import export_picture


def parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a day written YYYY-MM-DD") from None


def parse_size(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not WIDTHxHEIGHT, like 1920x1080") from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise click.BadParameter(f"{value!r}: choose a size from 320x240 to 7680x4320")
    return width, height


@click.command("export")
@out_option("The file to write: .html (the offline map) or .png (a picture for a slide).")
@click.option("--chapter", default=None, help="Open on this story chapter (its id).")
@click.option(
    "--size",
    default="1920x1080",
    show_default=True,
    callback=parse_size,
    help="A picture's size in pixels, WIDTHxHEIGHT (.png only).",
)
@click.option(
    "--date", "day", default=None, callback=parse_day, help="Open on this day, YYYY-MM-DD."
)
@click.option(
    "--frame",
    "frame",
    multiple=True,
    help="A picture of a day: fit the map to this layer (repeat for more); default: what "
    "exists that day.",
)
@geodata_option()
@lang_option
def export_command(
    out: Path,
    chapter: str | None,
    size: tuple[int, int],
    day: date | None,
    frame: tuple[str, ...],
    geodata: Path | None,
    lang: str,
) -> None:
    """Write the map as ONE offline HTML file (every layer, a day slider and the story), or a
    picture of a chapter or a day for slides and handouts (.png)."""
    atlas = atlas_in(load(geodata), lang)
    progress(f"drawing {len(atlas.layers)} layers and {len(atlas.chapters)} chapters…")
    with writing(str(out)):
        if out.suffix.lower() == ".png":
            path = export_picture(
                atlas, out, chapter=chapter, day=day, size=size, frame=frame, lang=lang
            )
            progress(f"{path}: a {size[0]}×{size[1]} picture")
            return
        path = export_html(atlas, out, chapter=chapter, day=day, lang=lang)
    progress(export_summary(path, atlas))


@click.command("export-data")
@out_option("The folder to write into.", folder=True)
@geodata_option()
@lang_option
def export_data_command(out: Path, geodata: Path | None, lang: str) -> None:
    """Write every layer as GeoJSON, a Linked Places file and the bibliography into a folder."""
    atlas = atlas_in(load(geodata), lang)
    progress(f"writing {len(atlas.layers)} layers and {len(atlas.sources)} sources…")
    with writing(f"into {out}"):
        written = export_data(atlas, out, lang)
    for path in written:
        click.echo(str(path))
    progress(f"{len(written)} files in {out}")
