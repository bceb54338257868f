"""`kengir-geo ARGS` run in this process through click's CliRunner: the same commands, exit
codes and output as the console script, without starting a Python for each call."""

from __future__ import annotations

from click.testing import CliRunner, Result

from kengir_geo.cli import cli


def run(*args: object, env: dict[str, str] | None = None) -> Result:
    """Exit code in `.exit_code`, printed text in `.stdout` and `.stderr`; `env` adds environment
    variables for this call. An exception other than the command's own exit is what a user would
    see as a traceback: it fails the test."""
    result = CliRunner().invoke(cli, [str(arg) for arg in args], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result
