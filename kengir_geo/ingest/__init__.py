"""Bringing a layer author's file into the atlas: read, normalise, validate, save.

`ingest_file` (pipeline.py) is the one pipeline the CLI (`kengir-geo add`) and the upload page
both call; `save_layer` (write.py) writes its result into a geodata folder atomically. One
reader per format in formats/, the contract mapping in normalize.py.
"""

from kengir_geo.data.schema import LAYER_ID
from kengir_geo.ingest.pipeline import (
    IngestResult,
    check_file,
    ingest_bounded,
    ingest_file,
)
from kengir_geo.ingest.read import FORMATS, Limits
from kengir_geo.ingest.write import (
    LayerExists,
    SaveError,
    existing_layer_ids,
    layer_collection_text,
    save_layer,
)

__all__ = [
    "FORMATS",
    "LAYER_ID",
    "IngestResult",
    "LayerExists",
    "Limits",
    "SaveError",
    "check_file",
    "existing_layer_ids",
    "ingest_bounded",
    "ingest_file",
    "layer_collection_text",
    "save_layer",
]
