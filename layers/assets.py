"""Serve the map's browser assets locally instead of from public CDNs.

folium and its plugins name their JavaScript and CSS by CDN URL; streamlit-folium loads them one
after another in its component iframe and silently stops at the first failure, so offline the map
stays blank. :func:`localize_assets` rewrites every element's ``default_js``/``default_css`` to the
npm packages pinned in ``static/package.json``, which the set-up command installs and Streamlit
serves at ``/app/static/`` (``server.enableStaticServing``). An asset with no local copy raises
:class:`UnknownAssetError` rather than leaving a silent CDN dependency.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

#: The npm packages folder next to app.py, as served by Streamlit.
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
NODE_MODULES = STATIC_DIR / "node_modules"

#: URL prefix of ``static/`` seen from streamlit-folium's component iframe.
COMPONENT_PREFIX = "../../app/static/"

#: folium asset name -> file under static/ (None: not needed by this app, dropped). folium's map
#: asks for jQuery, Bootstrap, Font Awesome and awesome-markers by default; the app's map uses
#: none of them (its markers are GeoJSON circles and DivIcons, its popups are none), and each
#: map iframe (a new one per opened plan) parsed their ~400 kB again.
LOCAL_ASSETS: dict[str, str | None] = {
    "leaflet": "node_modules/leaflet/dist/leaflet.js",
    "leaflet_css": "node_modules/leaflet/dist/leaflet.css",
    "leaflet_draw_js": "node_modules/leaflet-draw/dist/leaflet.draw.js",
    "leaflet_draw_css": "node_modules/leaflet-draw/dist/leaflet.draw.css",
    "jquery": None,
    "bootstrap": None,
    "bootstrap_css": None,
    "awesome_markers": None,
    "awesome_markers_css": None,
    "awesome_markers_font_css": None,
    "glyphicons_css": None,
    "awesome_rotate_css": None,
}

LEAFLET_IMAGES = "node_modules/leaflet/dist/images/"


class UnknownAssetError(RuntimeError):
    """A map element needs a browser asset that has no local copy (a developer error)."""


def missing_local_files() -> list[str]:
    """Local asset files that are not installed (empty when ``make setup`` has run)."""
    wanted = [p for p in LOCAL_ASSETS.values() if p] + [LEAFLET_IMAGES + "marker-icon.png"]
    return [p for p in wanted if not (STATIC_DIR / p).exists()]


def walk(element: Element) -> Iterator[Element]:
    """The element and all its descendants."""
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from walk(child)


def localize_assets(root: folium.Map, prefix: str = COMPONENT_PREFIX) -> folium.Map:
    """Point every element's JS/CSS at the local copies (in place); returns ``root``."""
    for element in walk(root):
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if links:
                setattr(element, attr, _local_links(links, prefix))
    return root


def _local_links(links: list[tuple[str, str]], prefix: str) -> list[tuple[str, str]]:
    local = []
    for name, url in links:
        if url.startswith(prefix):
            local.append((name, url))
            continue
        if name not in LOCAL_ASSETS:
            raise UnknownAssetError(f"No local copy of map asset {name!r} ({url}).")
        path = LOCAL_ASSETS[name]
        if path is not None:
            local.append((name, prefix + path))
    return local


class LeafletImagePath(MacroElement):
    """Sets ``L.Icon.Default.imagePath`` to the local Leaflet images (default markers)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.Icon.Default.imagePath = {{ this.path|tojson }};"
        "{% endmacro %}"
    )

    def __init__(self, prefix: str = COMPONENT_PREFIX) -> None:
        super().__init__()
        self._name = "LeafletImagePath"
        self.path = prefix + LEAFLET_IMAGES
