"""The atlas loaded while the server starts (app/warm.py) is handed to the first script run
only for exactly the files it read."""

from __future__ import annotations

from factories import write_geodata
from kengir_geo.app import warm
from kengir_geo.data.folder import fingerprint


def test_the_warmed_atlas_is_taken_once_and_only_for_the_same_files(tmp_path, monkeypatch):
    root = write_geodata(tmp_path / "geodata")
    monkeypatch.setattr(warm, "_thread", None)
    monkeypatch.setattr(warm, "_loaded", {})
    assert warm.take(str(root), fingerprint(root)) is None  # nothing started: load as usual
    warm.start(root)
    stamp = fingerprint(root)
    assert warm.take(str(root), (*stamp, ("edited", 1, 1))) is None  # other files: not it
    atlas = warm.take(str(root), stamp)
    assert atlas is not None and "events" in atlas.layers
    assert warm.take(str(root), stamp) is None  # handed over once; the page's cache keeps it
