"""What the tests, the benchmarks and scripts/ share to run the real thing: valid GeoJSON
features built in code (features), a `streamlit run` server on a free port (server), and
Debian's Chromium with the flags that keep it off the network (chromium).

Not part of the installed package; neither the tests nor the benchmarks import each other.
"""
