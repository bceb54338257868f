"""What every command that writes a file shares: its --out and --lang options, progress on stderr, the atlas
or the reasons it cannot load, and one way to say that nothing was written."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from kengir_geo.cli.report import EXIT_INVALID, EXIT_USAGE
from kengir_geo.data.atlas import Atlas, AtlasError, load_atlas
from kengir_geo.export.html import ExportError
from kengir_geo.i18n import available_languages


def progress(message: str) -> None:
    click.echo(message, err=True)


def load(geodata: Path | None) -> Atlas:
    """The atlas, or its errors printed and exit code 1."""
    progress(f"reading {geodata or 'the bundled geodata'}…")
    try:
        return load_atlas(geodata)
    except AtlasError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        progress("nothing written: fix the errors above (kengir-geo validate shows them too)")
        sys.exit(EXIT_INVALID)


def out_option(help: str, folder: bool = False):
    """`--out`: the file (or, with `folder`, the folder) a command writes."""
    kind = click.Path(path_type=Path, file_okay=not folder, dir_okay=folder)
    return click.option("--out", required=True, type=kind, help=help)


# `--lang`: the language a written file speaks
lang_option = click.option(
    "--lang",
    default="en",
    show_default=True,
    type=click.Choice(available_languages()),
    help="The language of the words (texts not yet translated stay English).",
)


@contextmanager
def writing(target: str) -> Iterator[None]:
    """Export errors and failed writes inside become one line and exit code 2."""
    try:
        yield
    except ExportError as error:
        progress(f"nothing written: {error}")
        sys.exit(EXIT_USAGE)
    except OSError as error:
        progress(f"cannot write {target}: {error.strerror}")
        sys.exit(EXIT_USAGE)
