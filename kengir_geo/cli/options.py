"""Options more than one command takes, written once."""

from __future__ import annotations

from pathlib import Path

import click

from kengir_geo.data.folder import GEODATA_ENV, not_geodata_reason


def _geodata_folder(_ctx: click.Context, _param: click.Parameter, value: Path | None):
    if value is not None and (reason := not_geodata_reason(value)):
        raise click.BadParameter(reason)  # a usage error: exit code 2
    return value


def geodata_option(purpose: str = "to read"):
    """`--geodata DIR` (or KENGIR_GEODATA): the folder a command works on; None means the
    bundled one. A folder without layers.toml is refused before the command starts."""
    return click.option(
        "--geodata",
        "geodata",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        envvar=GEODATA_ENV,
        show_envvar=True,
        callback=_geodata_folder,
        help=f"The geodata folder {purpose} (default: the bundled one).",
    )
