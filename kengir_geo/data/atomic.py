"""Writing a file all or nothing: the one atomic write that every writer of ours uses.

The text goes to a temporary file in the same folder, is flushed and fsynced, and is renamed
over the target; then the folder is fsynced. A reader (or a crash) sees the old file or the new
one, never half of one. A file replaced keeps its mode; a symbolic link is followed to the
ordinary file it names, whose content is replaced.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _target(path: Path) -> Path:
    """The file a write replaces: `path`, or the ordinary file its symbolic link names."""
    if not path.is_symlink():
        return path
    target = path.resolve()
    if not target.is_file():
        raise OSError(f"{path.name} is a link to {target}, which is not an ordinary file")
    return target


def _mode(path: Path) -> int:
    """The mode to give the new file: the old one's, else what the umask allows (not 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: Path, text: str, *, unchanged_ok: bool = False) -> Path:
    """Replace `path` with `text` (UTF-8), all or nothing, durable once this returns.
    `unchanged_ok`: leave a file that already holds `text` alone (served assets)."""
    path = _target(Path(path))
    if unchanged_ok and path.is_file() and path.read_text(encoding="utf-8") == text:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode(path)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise
    _fsync_dir(path.parent)
    return path


# atomic_write's temporary files: ".<name>.<8 random characters>.tmp" beside the target
_PARTIAL = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
# names the layer files a save is writing or removing, until it is done (ingest/write.py)
PENDING = ".kengir-pending"


def partial_writes(folder: Path, targets: re.Pattern[str]) -> list[Path]:
    """Temporary files that atomic_write left in `folder` when it was killed, for targets
    whose name matches `targets`."""
    found = []
    for path in Path(folder).glob(".*.tmp"):
        match = _PARTIAL.fullmatch(path.name)
        if match and targets.fullmatch(match["name"]) and path.is_file():
            found.append(path)
    return sorted(found)


def pending_files(root: Path) -> list[str]:
    """The layer files (paths relative to `root`) that an unfinished save named."""
    try:
        text = (Path(root) / PENDING).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]
