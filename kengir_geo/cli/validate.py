"""`kengir-geo validate`: the bundled geodata, another geodata folder, or candidate files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kengir_geo.cli.options import geodata_option
from kengir_geo.cli.report import EXIT_USAGE, printable, report
from kengir_geo.data.folder import bundled_geodata, not_geodata_reason
from kengir_geo.data.schema import Problem
from kengir_geo.data.validate import validate_geodata
from kengir_geo.ingest import check_file


def _usage_error(message: str) -> None:
    click.echo(printable(message), err=True)
    sys.exit(EXIT_USAGE)


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@geodata_option("to check, and whose sources.toml candidate FILES may cite")
def validate(files: tuple[Path, ...], geodata: Path | None) -> None:
    """Check the geodata folder, another geodata folder, or candidate layer FILES."""
    if not files:
        root = geodata or bundled_geodata()
        sys.exit(report(validate_geodata(root), str(root)))
    problems: list[Problem] = []
    for path in files:
        if not path.exists():
            _usage_error(f"{path}: no such file or folder")
        if path.is_dir():
            if reason := not_geodata_reason(path):
                _usage_error(reason)
            problems += validate_geodata(path)
        else:  # a layer file, or another format read as `add` would; bounded either way
            problems += check_file(path, geodata_root=geodata)
    label = ", ".join(str(f) for f in files) if len(files) <= 3 else f"{len(files)} files"
    sys.exit(report(problems, label))
