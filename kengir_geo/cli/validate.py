"""`kengir-geo validate`: the bundled geodata, another geodata folder, or candidate files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kengir_geo.cli.report import EXIT_USAGE, printable, report
from kengir_geo.data.folder import MANIFEST, bundled_geodata
from kengir_geo.data.schema import Problem
from kengir_geo.data.validate import validate_geodata
from kengir_geo.ingest import check_file


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check the bundled geodata, a geodata folder, or candidate layer FILES."""
    if not files:
        root = bundled_geodata()
        sys.exit(report(validate_geodata(root), str(root)))
    problems: list[Problem] = []
    for path in files:
        if not path.exists():
            click.echo(printable(f"{path}: no such file or folder"), err=True)
            sys.exit(EXIT_USAGE)
        if path.is_dir():
            if not (path / MANIFEST).exists():
                message = f"{path}: a folder must be a geodata folder with layers.toml"
                click.echo(printable(message), err=True)
                sys.exit(EXIT_USAGE)
            problems += validate_geodata(path)
        else:  # a layer file, or another format read as `add` would; bounded either way
            problems += check_file(path)
    label = ", ".join(str(f) for f in files) if len(files) <= 3 else f"{len(files)} files"
    sys.exit(report(problems, label))
