"""`python -m kengir_geo.app.launch ARGS`: `streamlit ARGS`, with the first page prepared meanwhile.

`kengir-geo serve` starts this instead of `python -m streamlit`, so the atlas is read and the
map's files written while the browser loads Streamlit's page (warm.py); Streamlit itself runs
as usual.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from kengir_geo.app import warm
from kengir_geo.app.env import geodata_root


def _flag(argv: list[str], name: str, default: str) -> str:
    return next((a.split("=", 1)[1] for a in argv if a.startswith(f"--{name}=")), default)


def until_healthy(argv: list[str], most: float = 60.0) -> Callable[[], None]:
    """A wait until the server of these `streamlit run` flags answers its health check: it
    accepts connections a little before it is ready, and work begun then slows its start."""
    host = _flag(argv, "server.address", "127.0.0.1")
    host = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host  # noqa: S104 - we connect
    port = int(_flag(argv, "server.port", "8501"))
    base = _flag(argv, "server.baseUrlPath", "").strip("/")
    url = f"http://{host}:{port}/{base + '/' if base else ''}_stcore/health"

    def wait() -> None:
        import urllib.request

        deadline = time.monotonic() + most
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=1) as reply:  # noqa: S310 - our own
                    if reply.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.05)

    return wait


def main() -> None:
    warm.start(geodata_root(), first=until_healthy(sys.argv[1:]))
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *sys.argv[1:]]
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
