"""The Streamlit layer: caching, the shared view state and its widgets. Pages stay thin."""
