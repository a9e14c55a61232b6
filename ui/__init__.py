"""Streamlit side of the app: texts and the cached resources app.py wires together."""
