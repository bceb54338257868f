"""What app/warm.py prepares while the server starts goes into the caches the pages read (one
cache per thing, none of the thread's own), and only once the server listens."""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from factories import write_geodata
from kengir_geo.app import timemap, warm
from kengir_geo.app.launch import until_healthy
from kengir_geo.app.nav import DEFAULT_PAGE
from kengir_geo.data.atlas import load_atlas
from kengir_geo.map.payload import Options
from kengir_geo.map.payload_file import payload_key


def _geodata(tmp_path):
    """A folder of its own content (a payload file of an earlier test run cannot stand in)."""
    root = write_geodata(tmp_path / "geodata")
    with (root / "sources.toml").open("a") as handle:
        handle.write(f"# {tmp_path.name}\n")
    return root


def _break_keeping_size_and_time(path) -> bytes:
    """The same size and mtime (so the same fingerprint), but not GeoJSON any more: only a
    cache can still give its layer. Returns what the file held."""
    stat, held = path.stat(), path.read_bytes()
    path.write_text("x" * stat.st_size)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return held


def test_the_thread_fills_the_pages_caches(tmp_path, monkeypatch):
    root = _geodata(tmp_path)
    monkeypatch.setattr(warm, "_thread", None)
    warm.start(root).join()
    events = root / "layers" / "events.geojson"
    held = _break_keeping_size_and_time(events)
    atlas = load_atlas(root)  # what common.atlas_or_stop asks for
    assert "e-raid" in set(atlas.layers["events"].frame["id"])
    events.write_bytes(held)  # the payload's name comes from the files' bytes
    # the default page's map (clickable, so no popups) finds its payload written
    name = f"{payload_key(atlas, Options(popups=False, lang='en'))}.json"
    assert (timemap.component_folder() / "data" / name).is_file()


def test_a_page_that_asks_during_the_load_waits_for_it(tmp_path):
    """The thread and the first page asking at once get one atlas, loaded once."""
    root = _geodata(tmp_path)
    start = threading.Barrier(4)
    got = []

    def ask():
        start.wait()
        got.append(load_atlas(root))

    askers = [threading.Thread(target=ask) for _ in range(4)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert len(got) == 4 and all(atlas is got[0] for atlas in got)


def test_the_default_pages_imports_are_read_from_its_file():
    modules = set(warm.imported_modules(DEFAULT_PAGE))
    assert {"streamlit", "kengir_geo.app.timemap", "kengir_geo.app.common"} <= modules


class _Health(BaseHTTPRequestHandler):
    """/_stcore/health as a starting server answers it: 503 until it is ready."""

    ready = False
    asked = threading.Event()

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).asked.set()
        self.send_response(200 if self.ready and self.path == "/_stcore/health" else 503)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_thread_waits_until_the_server_answers_its_health_check(tmp_path, monkeypatch):
    """launch.until_healthy: the work waits for the server to be ready, so it does not slow
    its start."""
    root = _geodata(tmp_path)
    monkeypatch.setattr(warm, "_thread", None)
    with ThreadingHTTPServer(("127.0.0.1", 0), _Health) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        thread = warm.start(root, first=until_healthy([f"--server.port={port}"]))
        assert _Health.asked.wait(timeout=60)
        assert thread.is_alive()  # listening, but not ready yet: still waiting
        _Health.ready = True
        thread.join()
        server.shutdown()
    _break_keeping_size_and_time(root / "layers" / "places.geojson")
    assert "kengir" in set(load_atlas(root).layers["places"].frame["id"])
