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


def test_the_thread_waits_until_the_server_listens(tmp_path, monkeypatch):
    """launch.until_listening: loading waits for the port, so it does not slow the start."""
    import socket

    from kengir_geo.app.launch import until_listening

    root = write_geodata(tmp_path / "geodata")
    monkeypatch.setattr(warm, "_thread", None)
    monkeypatch.setattr(warm, "_loaded", {})
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        port = server.getsockname()[1]
        warm.start(root, first=until_listening([f"--server.port={port}"]))
        assert warm._thread.is_alive()  # nothing listens yet: still waiting
        server.listen()
        assert warm.take(str(root), fingerprint(root)) is not None
