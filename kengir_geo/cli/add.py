"""`kengir-geo add`: a layer author's file into the atlas, through kengir_geo.ingest.

Exit codes as in cli.py: 0 added (or would be, with --dry-run), 1 the file has errors and
nothing was written, 2 a usage error, an existing id without --replace, or a failed save.
The file is read in a worker bounded in time and memory (ingest_bounded).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import click

from kengir_geo.cli.options import geodata_option
from kengir_geo.cli.report import EXIT_INVALID, EXIT_USAGE, printable, report
from kengir_geo.data.folder import bundled_geodata
from kengir_geo.ingest import (
    LAYER_ID,
    Limits,
    SaveError,
    existing_layer_ids,
    ingest_bounded,
    save_layer,
)

MAX_MB = 10_000  # --max-mb above this is a typo, not trust


def _megabytes(_ctx: click.Context, _param: click.Parameter, value: float) -> float:
    if not math.isfinite(value) or not 0 < value <= MAX_MB:
        raise click.BadParameter(f"give a number of megabytes above 0 and at most {MAX_MB}")
    return value


def _say(message: str) -> None:
    click.echo(printable(message), err=True)


@click.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "layer_id", required=True, help="Layer id: lower-case letters, digits, - _.")
@click.option("--title", required=True, help="Layer title shown in the layer list and legend.")
@click.option("--type", "layer_type", type=click.Choice(["features", "events"]), default="features")
@click.option("--source", "sources", multiple=True, help="Source id cited where none is given.")
@click.option(
    "--cite",
    help='A new bibliography entry, "Author, Title, Year, URL", cited where none is given '
    "and added to sources.toml with the layer.",
)
@click.option("--layer", help="Layer of a GeoPackage/KML, or shapefile name in a zip.")
@click.option("--encoding", help="Text encoding when the file is not UTF-8, e.g. cp1251.")
@click.option("--crs", help="The file's CRS when it does not say, e.g. EPSG:32642.")
@click.option("--fix", is_flag=True, help="Repair invalid geometries (shapely.make_valid).")
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Add the valid features and leave out those with errors, each named with its reason.",
)
@click.option("--replace", is_flag=True, help="Replace an existing layer with the same id.")
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--max-mb", type=float, default=Limits.max_mb, show_default=True, callback=_megabytes)
@click.option(
    "--max-features", type=click.IntRange(min=1, max=10_000_000), default=Limits.max_features
)
@geodata_option("to add to")
def add_command(file: Path, layer_id: str, title: str, **options) -> None:
    """Add FILE (GeoJSON, GeoPackage, zipped Shapefile, KML, CSV) as a layer of the atlas."""
    root = options["geodata"] or bundled_geodata()
    for ok, message in [
        (file.is_file(), f"{file}: no such file (or not an ordinary file)"),
        (
            bool(LAYER_ID.fullmatch(layer_id)),
            f"--id {layer_id!r}: use 1-63 lower-case letters, digits, - and _",
        ),
    ]:
        if not ok:
            _say(message)
            sys.exit(EXIT_USAGE)
    if not options["replace"] and layer_id in existing_layer_ids(root):
        _say(f"layer {layer_id!r} already exists; pass --replace to replace it")
        sys.exit(EXIT_USAGE)
    result = ingest_bounded(
        file,
        layer_id,
        title,
        layer_type=options["layer_type"],
        geodata_root=root,
        layer=options["layer"],
        encoding=options["encoding"],
        crs=options["crs"],
        fix=options["fix"],
        skip_invalid=options["skip_invalid"],
        default_sources=options["sources"],
        cite=options["cite"],
        limits=Limits(max_mb=options["max_mb"], max_features=options["max_features"]),
    )
    for note in result.notes:
        _say(f"{file}: {note}")
    code = report(result.problems, str(file))
    if not result.ok:
        _say("nothing was written")
        sys.exit(EXIT_INVALID)
    if options["dry_run"]:
        _say(f"dry run: layer {layer_id!r} would be added to {root}")
        sys.exit(code)
    try:
        written = save_layer(
            root, result.layer_text(), result.entry, options["replace"], result.source
        )
    except SaveError as exc:
        _say(f"{file}: not saved: {exc}")
        sys.exit(EXIT_USAGE)
    if result.source is not None:
        _say(f"added source {result.source['id']!r} to sources.toml")
    _say(f"added layer {layer_id!r}: {written}")
    sys.exit(code)
