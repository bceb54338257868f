"""Streamlit entry point: page setup and navigation, nothing else."""

import streamlit as st

st.set_page_config(page_title="Kengir 1954", page_icon="🗺️", layout="wide")
st.title("Kengir 1954")
st.write("The map and story pages are being built.")
