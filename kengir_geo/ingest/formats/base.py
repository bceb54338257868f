"""What every reader shares: the limits, the raw layer it returns, how it refuses a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyproj import CRS

from kengir_geo.data.schema import Problem
from kengir_geo.ingest.encoding import guess_encoding

# What reading and checking a file costs, measured on 40 MB of polygons (1.6 million
# positions): about 11 MB of address space per MB of file, 460 MB resident at the peak, and
# 2 s per MB on a busy two-core machine. The budgets grow with the size limit, so that a file
# under the size limit is never refused for memory or time.
BASE_MEMORY_MB = 200
MEMORY_PER_FILE_MB = 12
BASE_SECONDS = 30
SECONDS_PER_FILE_MB = 3


@dataclass(frozen=True)
class Limits:
    """What an upload may weigh. A zip may unpack to `unzip_factor` times the file limit.
    The worker's time and memory follow from the size limit unless given."""

    max_mb: float = 50
    max_features: int = 200_000
    unzip_factor: int = 4
    time_limit: float | None = None  # seconds; a hang guard, not a speed target
    memory_limit: int | None = None  # MB the worker may map beyond what it started with

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)

    @property
    def seconds(self) -> float:
        return self.time_limit or BASE_SECONDS + SECONDS_PER_FILE_MB * self.max_mb

    @property
    def memory_mb(self) -> int:
        return self.memory_limit or int(BASE_MEMORY_MB + MEMORY_PER_FILE_MB * self.max_mb)


@dataclass(frozen=True)
class Request:
    """What every reader is given (each reader is a `Reader`): the file, the name problems give
    it, the layer asked for (None: the reader chooses), the text encoding asked for (None: the
    file's own or UTF-8), the limits, and the list the reader adds its problems to."""

    path: Path
    label: str
    layer: str | None
    encoding: str | None
    limits: Limits
    problems: list[Problem]


@dataclass
class RawLayer:
    features: list[Any]
    crs: CRS | None
    format: str
    crs_member: bool = False  # a GeoJSON file that carried a (legacy) "crs" member
    extra: dict[str, Any] = field(default_factory=dict)


# One interface for every format: read.READERS maps each format's name to its reader.
Reader = Callable[[Request], RawLayer]


class ReadError(Exception):
    """Internal: stop reading; the problem is already recorded."""


class Refused(ReadError):
    """The file cannot be read, for the reason given: read_layer records it as the file's
    problem (`field` when the reason concerns one, e.g. "crs" or "layer")."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message, self.field = message, field


class EncodingGuess(ReadError):
    """Internal: the text is not UTF-8 and looks like `encoding` (the problem is recorded)."""

    def __init__(self, encoding: str | None):
        self.encoding = encoding


# Byte-order marks, longest first (UTF-32's begins like UTF-16's): Excel's "Unicode text"
# and Notepad's "Unicode" are UTF-16 with a BOM.
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def unicode_by_bom(raw: bytes) -> str | None:
    """The Unicode encoding a byte-order mark names, or that NUL bytes every other byte
    betray (UTF-16 without a BOM); None for anything else."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return encoding
    head = raw[:4096]
    if len(head) >= 4 and head.count(0) * 3 > len(head):
        return "utf-16-le" if head[1::2].count(0) > head[::2].count(0) else "utf-16-be"
    return None


def decode_text(raw: bytes, label: str, encoding: str | None, problems: list[Problem]) -> str:
    """Text of a file: in the encoding given, else the Unicode one its BOM names, else UTF-8;
    on failure, name the likely encoding."""
    if encoding:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise Refused(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise Refused(f"the file is not valid {encoding} (byte {exc.start})") from exc
    unicode = unicode_by_bom(raw)
    if unicode is not None and unicode != "utf-8-sig":
        try:
            return raw.decode(unicode)
        except UnicodeDecodeError as exc:
            raise Refused(
                f"the file looks like {unicode.upper()} but is not valid {unicode.upper()} "
                f"(byte {exc.start}): save it again as UTF-8"
            ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = guess_encoding(raw)
        hint = (
            f"it looks like {guess}: pass --encoding {guess} (or choose it on the upload page)"
            if guess
            else "save it as UTF-8, or pass its encoding with --encoding (e.g. cp1251, cp1252)"
        )
        problems.append(Problem(label, "", "", f"the text is not UTF-8 (byte {exc.start}); {hint}"))
        raise EncodingGuess(guess) from exc


def read_capped(path: Path, label: str, limits: Limits, problems: list[Problem]) -> bytes:
    """The file's bytes, never more than the size limit whatever stat() said before."""
    with path.open("rb") as handle:
        data = handle.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise Refused(too_big(len(data), limits))
    return data


def read_text(request: Request) -> str:
    """The file's text, within the size limit, in its encoding (a text reader's first step)."""
    raw = read_capped(request.path, request.label, request.limits, request.problems)
    return decode_text(raw, request.label, request.encoding, request.problems)


def too_big(size: int, limits: Limits) -> str:
    return (
        f"the file is more than {size / 1024 / 1024:.1f} MB, more than the limit of "
        f"{limits.max_mb:g} MB (raise it with --max-mb if you trust the file: the time and "
        "memory allowed for reading it grow with it)"
    )


def too_many(count: int, limits: Limits, rows: bool = False) -> str:
    found = f"more than {limits.max_features} rows" if rows else f"{count} features"
    return (
        f"{found} is more than the limit of {limits.max_features} features "
        "(raise it with --max-features if you trust the file)"
    )
