"""The `kengir-geo` command: each subcommand gives the shell one power the app has.

Subcommands are imported when they run, not at start: `kengir-geo serve` must hand over to
Streamlit without first importing geopandas and the file readers it does not use.
"""

from __future__ import annotations

from importlib import import_module

import click

# command name -> (module, attribute)
COMMANDS = {
    "validate": ("kengir_geo.cli.validate", "validate"),
    "add": ("kengir_geo.cli.add", "add_command"),
    "export": ("kengir_geo.cli.export", "export_command"),
    "export-data": ("kengir_geo.cli.export", "export_data_command"),
    "serve": ("kengir_geo.cli.serve", "serve_command"),
    "translate": ("kengir_geo.cli.translate", "translate_command"),
    "lesson": ("kengir_geo.cli.lesson", "lesson_command"),
}


class LazyGroup(click.Group):
    """Click's documented pattern for loading a subcommand when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name]
        return getattr(import_module(module), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kengir-geo")
def cli() -> None:
    """Maps and a day-by-day story of the Kengir uprising, with its sources."""


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
