"""`kengir-geo add`: a layer author's file into the atlas, through kengir_geo.ingest.

Exit codes as in cli.py: 0 added (or would be, with --dry-run), 1 the file has errors and
nothing was written, 2 a usage error, an existing id without --replace, or a failed save.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kengir_geo.cli.report import EXIT_INVALID, EXIT_USAGE, report
from kengir_geo.data.folder import bundled_geodata
from kengir_geo.ingest import (
    LAYER_ID,
    Limits,
    SaveError,
    existing_layer_ids,
    ingest_file,
    save_layer,
)


@click.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "layer_id", required=True, help="Layer id: lower-case letters, digits, - _.")
@click.option("--title", required=True, help="Layer title shown in the layer list and legend.")
@click.option("--type", "layer_type", type=click.Choice(["features", "events"]), default="features")
@click.option("--source", "sources", multiple=True, help="Source id cited where none is given.")
@click.option("--layer", help="Layer of a GeoPackage/KML, or shapefile name in a zip.")
@click.option("--encoding", help="Text encoding when the file is not UTF-8, e.g. cp1251.")
@click.option("--crs", help="The file's CRS when it does not say, e.g. EPSG:32642.")
@click.option("--fix", is_flag=True, help="Repair invalid geometries (shapely.make_valid).")
@click.option("--replace", is_flag=True, help="Replace an existing layer with the same id.")
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--max-mb", type=click.FloatRange(min=0), default=Limits.max_mb, show_default=True)
@click.option("--max-features", type=click.IntRange(min=1), default=Limits.max_features)
@click.option(
    "--geodata",
    "root",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="KENGIR_GEODATA",
    help="The geodata folder to add to (default: the bundled one).",
)
def add_command(file: Path, layer_id: str, title: str, **options) -> None:
    """Add FILE (GeoJSON, GeoPackage, zipped Shapefile, KML, CSV) as a layer of the atlas."""
    root = options["root"] or bundled_geodata()
    for ok, message in [
        (file.is_file(), f"{file}: no such file (or not a file)"),
        ((root / "layers.toml").is_file(), f"{root}: not a geodata folder (no layers.toml)"),
        (bool(LAYER_ID.match(layer_id)), f"--id {layer_id!r}: use lower-case letters, digits, - _"),
    ]:
        if not ok:
            click.echo(message, err=True)
            sys.exit(EXIT_USAGE)
    if not options["replace"] and layer_id in existing_layer_ids(root):
        click.echo(f"layer {layer_id!r} already exists; pass --replace to replace it", err=True)
        sys.exit(EXIT_USAGE)
    result = ingest_file(
        file,
        layer_id,
        title,
        layer_type=options["layer_type"],
        geodata_root=root,
        layer=options["layer"],
        encoding=options["encoding"],
        crs=options["crs"],
        fix=options["fix"],
        default_sources=options["sources"],
        limits=Limits(max_mb=options["max_mb"], max_features=options["max_features"]),
    )
    for note in result.notes:
        click.echo(f"{file}: {note}", err=True)
    code = report(result.problems, str(file))
    if not result.ok:
        click.echo("nothing was written", err=True)
        sys.exit(EXIT_INVALID)
    if options["dry_run"]:
        click.echo(f"dry run: layer {layer_id!r} would be added to {root}", err=True)
        sys.exit(code)
    try:
        written = save_layer(root, result.collection, result.entry, replace=options["replace"])
    except SaveError as exc:
        click.echo(f"{file}: not saved: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"added layer {layer_id!r}: {written}", err=True)
    sys.exit(code)
