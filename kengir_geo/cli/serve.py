"""`kengir-geo serve`: start the Streamlit app from the installed package.

The app and its Streamlit settings travel inside the package (app/main.py, app/config.toml),
so an installed wheel runs the app with no checkout. Settings are passed to `streamlit run`
as flags, the geodata folder and the save permission as environment variables.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import click

from kengir_geo.app.env import ALLOW_SAVE_ENV, GEODATA_ENV
from kengir_geo.cli.options import geodata_option
from kengir_geo.data.folder import bundled_geodata

APP_DIR = Path(__file__).resolve().parent.parent / "app"


def config_flags(path: Path = APP_DIR / "config.toml") -> list[str]:
    """`--section.key=value` for every setting of the app's config.toml."""
    with path.open("rb") as handle:
        config = tomllib.load(handle)
    flags = []
    for section, options in config.items():
        for key, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags.append(f"--{section}.{key}={text}")
    return flags


def streamlit_command(host: str, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kengir_geo.app.launch",  # streamlit, with the atlas loading while it starts
        "run",
        str(APP_DIR / "main.py"),
        *config_flags(),
        f"--server.address={host}",
        f"--server.port={port}",
    ]


@click.command("serve")
@geodata_option("to show")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option(
    "--allow-save",
    is_flag=True,
    help="Let the upload page save layers into the geodata folder (off by default: "
    "visitors can only check and download their files).",
)
def serve_command(geodata: Path | None, host: str, port: int, allow_save: bool) -> None:
    """Start the app in a browser-reachable server (stop it with Ctrl+C)."""
    env = dict(os.environ)
    if geodata is not None:
        env[GEODATA_ENV] = str(geodata.resolve())
    env[ALLOW_SAVE_ENV] = "1" if allow_save else "0"
    where = env.get(GEODATA_ENV) or str(bundled_geodata())
    saving = "ON: anyone who can open the page can add layers" if allow_save else "off"
    click.echo(f"kengir-geo: serving {where} on http://{host}:{port}", err=True)
    click.echo(f"kengir-geo: saving from the upload page is {saving}", err=True)
    command = streamlit_command(host, port)
    # the server takes this process's place, so signals reach it directly
    os.execve(command[0], command, env)  # noqa: S606
