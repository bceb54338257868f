"""The Streamlit pages. Only this package imports Streamlit; each page module has `page()`."""
