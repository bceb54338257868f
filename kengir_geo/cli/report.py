"""How every command reports: one problem per line, a summary, and the exit codes.

Exit codes: 0 valid (warnings allowed), 1 invalid input, 2 usage error or unreadable path.
"""

from __future__ import annotations

import click

from kengir_geo.data.schema import Problem

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
