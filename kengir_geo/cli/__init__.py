"""The command line (`kengir-geo`); see main.py for the commands."""

from kengir_geo.cli.main import cli, main

__all__ = ["cli", "main"]
