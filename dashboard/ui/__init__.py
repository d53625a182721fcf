"""The Streamlit layer: the cached connection, cached loaders and shared widgets."""
