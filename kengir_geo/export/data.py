"""The data export: every layer as GeoJSON, a Linked Places file and the bibliography."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kengir_geo.data.atlas import Atlas
from kengir_geo.data.folder import read_geodata
from kengir_geo.data.translations import overlay
from kengir_geo.export.bibliography import csl_json, markdown
from kengir_geo.export.html import write_atomically
from kengir_geo.export.linked_places import linked_places

DATA_README = """# {title}: data export

- `layers/*.geojson`: every layer as RFC 7946 GeoJSON, exactly as the atlas holds it
  (the properties are described in geodata/README.md of the project).
- `linked-places.json`: the places and events in Linked Places Format (GeoJSON-LD), with
  timespans (earliest and latest bounds), certainty and citations.
- `sources.json`: the bibliography as CSL-JSON, for reference managers.
- `sources.md`: the bibliography to read.
"""


def export_data(atlas: Atlas, out_dir: Path, lang: str = "en") -> list[Path]:
    """Write every layer as GeoJSON, a Linked Places file and the bibliography into out_dir.

    Returns the written paths. In English, layer files are copied byte for byte from the
    geodata folder; in another language, with their translated texts laid over.
    """
    out_dir = Path(out_dir)
    (out_dir / "layers").mkdir(parents=True, exist_ok=True)
    written = []
    shown = overlay(read_geodata(atlas.root), lang) if lang != "en" else None
    translated = shown.raw.layers if shown and shown.translated else {}

    def dump(data: object) -> str:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    for layer in atlas.layers.values():
        target = out_dir / "layers" / f"{layer.id}.geojson"
        if layer.id in translated:
            write_atomically(target, dump(translated[layer.id]))
        else:
            shutil.copyfile(atlas.root / layer.file, target)
        written.append(target)

    places = linked_places(atlas, lang=lang)
    written.append(write_atomically(out_dir / "linked-places.json", dump(places)))
    written.append(write_atomically(out_dir / "sources.json", dump(csl_json(atlas))))
    written.append(write_atomically(out_dir / "sources.md", markdown(atlas, lang)))
    readme = DATA_README.format(title=atlas.settings.title)
    written.append(write_atomically(out_dir / "README.md", readme))
    return written
