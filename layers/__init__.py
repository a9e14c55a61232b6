"""Map layers: planner results turned into folium layers (no Streamlit here either)."""
