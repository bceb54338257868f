"""The time map's payload as a file, built once per content of the geodata and of this package.

A second server, a restart or another atlas object of the same files finds the file already
written and costs a hash of the files (tens of milliseconds for a 100,000-feature layer), not
the payload's build.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.atomic import atomic_write
from kengir_geo.data.folder import content_hash
from kengir_geo.map.payload import Options, map_payload

_PACKAGE = Path(__file__).resolve().parent.parent  # the code that builds the payload


def payload_key(atlas: Atlas, options: Options) -> str:
    """The name of the payload of these geodata files, this code and these options."""
    text = repr((content_hash(atlas.root), content_hash(_PACKAGE), options))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def payload_file(atlas: Atlas, options: Options, folder: Path) -> Path:
    """The payload's JSON file in `folder`, written unless a file of the same key is there."""
    path = Path(folder) / f"{payload_key(atlas, options)}.json"
    if not path.is_file():
        text = json.dumps(map_payload(atlas, options), separators=(",", ":"))
        atomic_write(path, text)
    return path
