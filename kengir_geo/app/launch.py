"""`python -m kengir_geo.app.launch ARGS`: `streamlit ARGS`, with the atlas loading meanwhile.

`kengir-geo serve` starts this instead of `python -m streamlit`, so the atlas is read while
the server starts and the browser connects (warm.py); Streamlit itself runs as usual.
"""

from __future__ import annotations

import sys

from kengir_geo.app import warm
from kengir_geo.app.env import geodata_root


def main() -> None:
    warm.start(geodata_root())
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *sys.argv[1:]]
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
