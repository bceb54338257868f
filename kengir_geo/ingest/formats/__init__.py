"""One reader module per format (as geopandas keeps its io/); ingest/read.py chooses."""
