"""CSV files as spreadsheets and database dumps really write them, generated here: RFC 4180
quoting (commas, line breaks and doubled quotes inside fields), Excel's BOM, semicolons and
CRLF, LibreOffice's and Google Sheets' exports, UTF-16 text, and one bad row among many."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from factories import write_geodata
from kengir_geo.cli.main import cli
from kengir_geo.ingest import ingest_file

CAMP_COUNT = 60


def camps(count: int = CAMP_COUNT) -> list[dict[str, str]]:
    """Camps with descriptions like a museum database's: commas, quotes and line breaks."""
    rows = []
    for n in range(1, count + 1):
        rows.append(
            {
                "name": f"Camp {n}",
                "description": f'Opened as "Lag {n}", later merged, then closed.\nSecond line, too.',
                "lat": f"{45 + n * 0.1:.4f}",
                "lon": f"{60 + n * 0.2:.4f}",
                "start": str(1923 + n % 30),
                "end": str(1953 + n % 8),
                "url": f"https://example.org/camps?id={n}&lang=en",
            }
        )
    return rows


def csv_text(rows, delimiter=",", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer,
        fieldnames=list(rows[0]),
        delimiter=delimiter,
        lineterminator=lineterminator,
        quoting=quoting,
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def decimal_commas(rows):
    return [
        {**r, "lat": r["lat"].replace(".", ","), "lon": r["lon"].replace(".", ",")} for r in rows
    ]


# What each program writes (checked against their documented defaults):
# a database dump quotes every field (RFC 4180); Excel's "CSV UTF-8" has a BOM, and in a
# locale with decimal commas a ';' delimiter; LibreOffice writes LF and quotes where needed;
# Google Sheets writes CRLF and quotes where needed.
WRITERS = {
    "rfc4180-dump": lambda rows: csv_text(rows, quoting=csv.QUOTE_ALL).encode(),
    "excel-bom-semicolon-crlf": lambda rows: (
        b"\xef\xbb\xbf" + csv_text(decimal_commas(rows), delimiter=";").encode()
    ),
    "libreoffice": lambda rows: csv_text(rows, lineterminator="\n").encode(),
    "google-sheets": lambda rows: csv_text(rows).encode(),
    "excel-unicode-text-utf16": lambda rows: csv_text(rows, delimiter="\t").encode("utf-16"),
}


@pytest.mark.parametrize("kind", list(WRITERS))
def test_every_spreadsheets_csv_reads_every_row_whole(tmp_path, kind):
    rows = camps()
    path = tmp_path / "camps.csv"
    path.write_bytes(WRITERS[kind](rows))
    result = ingest_file(path, "camps", "Camps")
    assert result.ok, [str(p) for p in result.problems if p.is_error]
    features = result.layer()["features"]
    assert len(features) == CAMP_COUNT
    first = features[0]["properties"]
    assert first["description"] == rows[0]["description"]  # quotes, commas, line break kept
    assert first["url"] == rows[0]["url"]
    assert features[-1]["geometry"]["coordinates"] == [
        float(rows[-1]["lon"]),
        float(rows[-1]["lat"]),
    ]


def test_a_row_with_an_unquoted_comma_is_named_not_shifted(tmp_path):
    text = "name,lat,lon\nKengir,47.84,67.61\nRudnik, the mine,47.85,67.62\n"
    path = tmp_path / "broken.csv"
    path.write_text(text)
    result = ingest_file(path, "b", "B")
    bad = [p for p in result.problems if p.is_error]
    assert bad and all(p.feature.startswith("row 3") for p in bad)
    assert any("3 fields" in p.message or "4 fields" in p.message for p in bad)


def tidy_camps_with_one_bad_row(tmp_path: Path) -> tuple[Path, int]:
    rows = camps()
    bad = 37  # the source's own error: closes before it opens
    rows[bad - 2] = {**rows[bad - 2], "name": "Ozerlag", "start": "1951", "end": "1943"}
    path = tmp_path / "tidy.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    return path, bad


def test_one_bad_row_is_named_by_row_and_name_not_a_made_up_id(tmp_path):
    path, bad = tidy_camps_with_one_bad_row(tmp_path)
    result = ingest_file(path, "gulag-camps", "Camps")
    assert not result.ok
    errors = [p for p in result.problems if p.is_error]
    assert {p.feature for p in errors} == {f"row {bad} (Ozerlag)"}
    assert not any(p.feature.startswith("gulag-camps-") for p in result.problems)
    assert any("--skip-invalid" in note for note in result.notes)


def test_skip_invalid_adds_the_others_and_names_the_one_left_out(tmp_path):
    path, bad = tidy_camps_with_one_bad_row(tmp_path)
    result = ingest_file(path, "gulag-camps", "Camps", skip_invalid=True)
    assert result.ok
    assert len(result.layer()["features"]) == CAMP_COUNT - 1
    left = [p for p in result.problems if "left out" in p.message]
    assert len(left) == 1
    assert left[0].feature == f"row {bad} (Ozerlag)"
    assert "end" in left[0].message and "before start" in left[0].message
    assert any(f"left out 1 of {CAMP_COUNT} rows" in note for note in result.notes)


def test_skip_invalid_on_the_command_line(tmp_path):
    root = write_geodata(tmp_path / "geodata")
    path, bad = tidy_camps_with_one_bad_row(tmp_path)
    args = ["add", str(path), "--id", "camps", "--title", "Camps", "--geodata", str(root)]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 1
    assert f"row {bad} (Ozerlag)" in refused.stdout
    added = CliRunner().invoke(cli, [*args, "--skip-invalid"])
    assert added.exit_code == 0, added.stdout + added.stderr
    assert f":row {bad} (Ozerlag):" in added.stdout and "left out" in added.stdout
    saved = (root / "layers" / "camps.geojson").read_text()
    assert saved.count('"type": "Feature"') == CAMP_COUNT - 1
    assert "Ozerlag" not in saved


def test_a_file_wide_error_is_not_skipped(tmp_path):
    path = tmp_path / "nocoords.csv"
    path.write_text("name,place\nKengir,Zhezkazgan\n")
    result = ingest_file(path, "x", "X", skip_invalid=True)
    assert not result.ok and not result.readable


def test_a_dump_whose_doubled_quotes_follow_a_line_break(tmp_path):
    """The shape on which csv.Sniffer guesses doublequote=False (every doubled quote comes
    after a line break inside its field) and a reader that trusts it shifts every column."""
    rows = [
        {**r, "description": f'Notes:\nknown as "Lag {n}" to prisoners, women and men\nin 3 parts'}
        for n, r in enumerate(camps())
    ]
    path = tmp_path / "dump.csv"
    path.write_bytes(csv_text(rows).encode())
    sniffed = csv.Sniffer().sniff(path.read_text()[:8192], delimiters=",;\t")
    assert sniffed.doublequote is False  # the trap is there
    result = ingest_file(path, "dump", "Dump")
    assert result.ok, [str(p) for p in result.problems if p.is_error][:3]
    features = result.layer()["features"]
    assert len(features) == CAMP_COUNT
    assert features[5]["properties"]["description"] == rows[5]["description"]
