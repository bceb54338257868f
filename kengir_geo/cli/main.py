"""The `kengir-geo` command: each subcommand gives the shell one power the app has."""

from __future__ import annotations

import click

from kengir_geo.cli.add import add_command
from kengir_geo.cli.export import export_command, export_data_command
from kengir_geo.cli.serve import serve_command
from kengir_geo.cli.validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kengir-geo")
def cli() -> None:
    """Maps and a day-by-day story of the Kengir uprising, with its sources."""


cli.add_command(validate)
cli.add_command(add_command)
cli.add_command(export_command)
cli.add_command(export_data_command)
cli.add_command(serve_command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
