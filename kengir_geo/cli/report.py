"""How every command reports: one problem per line, a summary, and the exit codes.

Exit codes: 0 valid (warnings allowed), 1 invalid input, 2 usage error or unreadable path.
"""

from __future__ import annotations

import click

from kengir_geo.data.schema import Problem

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def printable(text: str) -> str:
    """Text any terminal can take: undecodable bytes of a file name (surrogates) as �."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate from a JSON escape such as "\ud800"
        return text.encode("utf-8", "replace").decode("utf-8")


def report(problems: list[Problem], checked: str) -> int:
    """Print problems one per line (FILE:FEATURE:FIELD: level: message) and a summary."""
    for problem in problems:
        click.echo(printable(str(problem)))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    verdict = "invalid" if errors else "valid"
    summary = f"{checked}: {verdict} ({counted(errors, 'error')}, {counted(warnings, 'warning')})"
    click.echo(printable(summary), err=True)
    return EXIT_INVALID if errors else EXIT_OK
