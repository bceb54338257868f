"""A slow check's problems, remembered on disk by the content they were found in.

Checking every translation (four languages, thousands of texts, each a TOML entry to parse
and compare) is most of what loading the atlas costs, and the files rarely change between two
starts of a server. The answer is kept under a key made of the geodata's bytes, the rules'
code and Babel's version (its month names), so any change to one of them checks again. Where
nothing can be written, the check simply runs every time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import babel

from kengir_geo.data.atomic import atomic_write
from kengir_geo.data.folder import content_hash
from kengir_geo.data.schema import Problem

_RULES = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "i18n")


def cache_folder() -> Path:
    """KENGIR_CACHE, else the user's cache folder (XDG_CACHE_HOME or ~/.cache)/kengir-geo."""
    if chosen := os.environ.get("KENGIR_CACHE"):
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kengir-geo"


def remembered(name: str, root: Path, check: Callable[[], list[Problem]]) -> list[Problem]:
    """check()'s problems for the geodata folder `root`, computed once per content."""
    key = hashlib.sha256(
        repr((name, content_hash(root, *_RULES), babel.__version__)).encode()
    ).hexdigest()[:32]
    path = cache_folder() / "checks" / f"{key}.json"
    try:
        return [Problem(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        pass  # not remembered yet, or unreadable: check again
    problems = check()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps([asdict(p) for p in problems], ensure_ascii=False))
    except OSError:
        pass  # a read-only home: the next start checks again
    return problems
