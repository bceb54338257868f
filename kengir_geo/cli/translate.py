"""`kengir-geo translate`: add a language, and see how far each one has got.

kengir-geo translate init uk     # stubs for every geodata text, and the UI catalogue
kengir-geo translate status      # per language: texts translated, drafts, reviewed
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kengir_geo.cli.report import EXIT_USAGE, printable
from kengir_geo.data.folder import MANIFEST, bundled_geodata, read_geodata
from kengir_geo.data.translations import FOLDER, init_language, languages, overlay, units
from kengir_geo.i18n import available_languages
from kengir_geo.i18n.maintain import check_language, init_catalog
from kengir_geo.i18n.review import catalog_status

geodata_option = click.option(
    "--geodata",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    envvar="KENGIR_GEODATA",
    help="A geodata folder (default: the bundled one).",
)


def _root(geodata: Path | None) -> Path:
    root = geodata or bundled_geodata()
    if not (root / MANIFEST).is_file():
        click.echo(printable(f"{root}: not a geodata folder (no {MANIFEST})"), err=True)
        sys.exit(EXIT_USAGE)
    return root


@click.group("translate")
def translate_command() -> None:
    """Translations of the interface and of the geodata's texts."""


@translate_command.command("init")
@click.argument("lang")
@geodata_option
@click.option(
    "--ui/--no-ui",
    default=True,
    show_default=True,
    help="Also create or update the interface's catalogue (kengir_geo/i18n/locales).",
)
def init_command(lang: str, geodata: Path | None, ui: bool) -> None:
    """Create or update LANG's translation files: one stub per geodata file under
    geodata/i18n/LANG/ (every English text, its hash, status draft), and the UI catalogue.
    Existing translations are kept; a stale one stays stale until a person checks it."""
    try:
        code = check_language(lang)
    except ValueError as error:
        click.echo(printable(str(error)), err=True)
        sys.exit(EXIT_USAGE)
    root = _root(geodata)
    for path in init_language(read_geodata(root), code):
        click.echo(printable(str(path)))
    if ui:
        click.echo(printable(str(init_catalog(code))))
    click.echo(
        f"{code}: fill in `text` in each file (and msgstr in the .po), then run "
        "kengir-geo validate",
        err=True,
    )


@translate_command.command("status")
@geodata_option
def status_command(geodata: Path | None) -> None:
    """Per language: geodata texts translated (drafts, reviewed) and UI entries."""
    root = _root(geodata)
    raw = read_geodata(root)
    total = len(units(raw))
    interface = [lang for lang in available_languages() if lang != "en"]
    for lang in sorted(set(languages(root)) | set(interface)):
        shown = overlay(raw, lang)
        ui = catalog_status(lang)
        click.echo(
            f"{lang}: geodata {len(shown.translated)}/{total} texts "
            f"({shown.drafts} drafts, {len(shown.translated) - shown.drafts} reviewed); "
            f"interface {ui.translated}/{ui.entries} ({ui.drafts} drafts, {ui.reviewed} reviewed)"
        )
    if not languages(root):
        click.echo(f"no {root / FOLDER} folder yet: kengir-geo translate init LANG", err=True)
