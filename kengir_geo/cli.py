"""The command line: each subcommand gives the shell one power the app has.

Exit codes: 0 valid (warnings allowed), 1 invalid input, 2 usage error or unreadable path.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kengir_geo.cli_add import add_command
from kengir_geo.cli_export import export_command, export_data_command
from kengir_geo.ingest import check_file
from kengir_geo.paths import bundled_geodata
from kengir_geo.schema import Problem
from kengir_geo.validate import check_layer_file, validate_geodata

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def report(problems: list[Problem], checked: str) -> int:
    """Print problems one per line (FILE:FEATURE:FIELD: level: message) and a summary."""
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    verdict = "invalid" if errors else "valid"
    click.echo(
        f"{checked}: {verdict} ({counted(errors, 'error')}, {counted(warnings, 'warning')})",
        err=True,
    )
    return EXIT_INVALID if errors else EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kengir-geo")
def cli() -> None:
    """Maps and a day-by-day story of the Kengir uprising, with its sources."""


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check the bundled geodata, a geodata folder, or candidate layer FILES."""
    if not files:
        root = bundled_geodata()
        sys.exit(report(validate_geodata(root), str(root)))
    problems: list[Problem] = []
    for path in files:
        if not path.exists():
            click.echo(f"{path}: no such file or folder", err=True)
            sys.exit(EXIT_USAGE)
        if path.is_dir():
            if not (path / "layers.toml").is_file():
                click.echo(f"{path}: a folder must be a geodata folder with layers.toml", err=True)
                sys.exit(EXIT_USAGE)
            problems += validate_geodata(path)
        elif path.suffix.lower() in (".geojson", ".json"):
            problems += check_layer_file(path)
        else:  # GeoPackage, zipped Shapefile, KML, CSV: read as `add` would
            problems += check_file(path)
    label = ", ".join(str(f) for f in files) if len(files) <= 3 else f"{len(files)} files"
    sys.exit(report(problems, label))


# The add and export commands live in their own modules; registered here.
cli.add_command(add_command)
cli.add_command(export_command)
cli.add_command(export_data_command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
