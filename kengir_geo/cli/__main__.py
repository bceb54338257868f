"""`python -m kengir_geo.cli`: the same as the `kengir-geo` command."""

from kengir_geo.cli.main import main

main()
