"""Texts of the app's interface, French by default with an English switch."""

from __future__ import annotations

import streamlit as st

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANG = "fr"

TEXTS: dict[str, dict[str, str]] = {
    "title": {"fr": "Vigie — sécurisation d'événements", "en": "Vigie — event security planning"},
    "subtitle": {
        "fr": "Tracez le périmètre de sécurité sur la carte : les points de filtrage "
        "apparaissent là où il coupe les rues.",
        "en": "Draw the security perimeter on the map: checkpoints appear where it cuts "
        "the streets.",
    },
    "language": {"fr": "Langue", "en": "Language"},
    "area_header": {"fr": "Zone", "en": "Area"},
    "area_source": {"fr": "Source des données", "en": "Data source"},
    "source_demo": {"fr": "Zone de démonstration", "en": "Demo area"},
    "source_file": {"fr": "Fichier OSM local", "en": "Local OSM file"},
    "source_online": {"fr": "En ligne (OpenStreetMap)", "en": "Online (OpenStreetMap)"},
    "demo_area": {"fr": "Zone de démonstration", "en": "Demo area"},
    "osm_upload": {"fr": "Fichier .osm ou .osm.pbf", "en": ".osm or .osm.pbf file"},
    "online_place": {
        "fr": "Lieu (ex. « Vieux Lyon, Lyon »)",
        "en": "Place (e.g. “Vieux Lyon, Lyon”)",
    },
    "online_bbox": {
        "fr": "…ou emprise ouest,sud,est,nord",
        "en": "…or bounding box west,south,east,north",
    },
    "online_load": {"fr": "Télécharger la zone", "en": "Download the area"},
    "loading": {"fr": "Chargement de la zone {name}…", "en": "Loading area {name}…"},
    "step_reading": {"fr": "Lecture des données OSM", "en": "Reading the OSM data"},
    "step_graphs": {
        "fr": "Construction des graphes de rues (voitures, piétons)",
        "en": "Building the street graphs (driving, walking)",
    },
    "step_features": {
        "fr": "Bâtiments et points d'intérêt",
        "en": "Buildings and points of interest",
    },
    "step_indexing": {"fr": "Projection et index spatial", "en": "Projection and spatial index"},
    "loaded": {
        "fr": "Zone : {name} — {streets} tronçons de rue, {buildings} bâtiments, "
        "{pois} points d'intérêt ({crs})",
        "en": "Area: {name} — {streets} street segments, {buildings} buildings, "
        "{pois} points of interest ({crs})",
    },
    "load_failed": {"fr": "La zone n'a pas pu être chargée", "en": "The area could not be loaded"},
    "kept_area": {
        "fr": "La zone précédente reste affichée.",
        "en": "The previous area stays on screen.",
    },
    "online_tiles": {
        "fr": "Fond de carte en ligne (tuiles OSM)",
        "en": "Online base map (OSM tiles)",
    },
    "online_tiles_help": {
        "fr": "Sans réseau, la carte reste lisible : rues et bâtiments sont dessinés à partir "
        "des données OSM chargées.",
        "en": "With no network the map stays readable: streets and buildings are drawn from "
        "the loaded OSM data.",
    },
    "perimeter_header": {"fr": "Périmètre", "en": "Perimeter"},
    "perimeter_upload": {
        "fr": "…ou importer un périmètre GeoJSON",
        "en": "…or import a GeoJSON perimeter",
    },
    "perimeter_clear": {"fr": "Effacer le périmètre", "en": "Clear the perimeter"},
    "perimeter_drawn": {"fr": "Périmètre tracé sur la carte", "en": "Perimeter drawn on the map"},
    "perimeter_file": {"fr": "Périmètre importé : {name}", "en": "Perimeter imported: {name}"},
    "no_perimeter": {
        "fr": "Aucun périmètre : utilisez l'outil polygone (en haut à gauche de la carte) ou "
        "importez un GeoJSON.",
        "en": "No perimeter yet: use the polygon tool (top left of the map) or import a GeoJSON.",
    },
    "checkpoints_header": {"fr": "Points de filtrage", "en": "Checkpoints"},
    "checkpoints_summary": {
        "fr": "{total} points de filtrage : {vehicle} véhicules, {pedestrian} piétons.",
        "en": "{total} checkpoints: {vehicle} vehicle, {pedestrian} pedestrian.",
    },
    "no_checkpoints": {
        "fr": "Ce périmètre ne coupe aucune rue.",
        "en": "This perimeter cuts no street.",
    },
    "col_id": {"fr": "N°", "en": "No."},
    "col_street": {"fr": "Rue", "en": "Street"},
    "col_highway": {"fr": "Classe de voie", "en": "Road class"},
    "col_kind": {"fr": "Type", "en": "Kind"},
    "col_level": {"fr": "Niveau", "en": "Level"},
    "col_crossings": {"fr": "Voies coupées", "en": "Ways cut"},
    "col_lat": {"fr": "Latitude", "en": "Latitude"},
    "col_lon": {"fr": "Longitude", "en": "Longitude"},
    "kind_vehicle": {"fr": "véhicule", "en": "vehicle"},
    "kind_pedestrian": {"fr": "piéton", "en": "pedestrian"},
    "level_surface": {"fr": "surface", "en": "surface"},
    "level_tunnel": {"fr": "tunnel", "en": "tunnel"},
    "level_bridge": {"fr": "pont", "en": "bridge"},
    "unnamed": {"fr": "(sans nom)", "en": "(unnamed)"},
    "download_geojson": {
        "fr": "Télécharger les points (GeoJSON)",
        "en": "Download checkpoints (GeoJSON)",
    },
    "assets_missing": {
        "fr": "Les fichiers de la carte ne sont pas installés ({files}) : lancez `make setup`.",
        "en": "The map's files are not installed ({files}): run `make setup`.",
    },
    "perimeter_error": {"fr": "Périmètre refusé", "en": "Perimeter refused"},
    "attribution": {
        "fr": "Données © contributeurs OpenStreetMap, ODbL.",
        "en": "Data © OpenStreetMap contributors, ODbL.",
    },
}


def lang() -> str:
    """The current session's language code."""
    return st.session_state.get("lang", DEFAULT_LANG)


def t(key: str, **params: object) -> str:
    """Interface text ``key`` in the current language."""
    entry = TEXTS[key]
    text = entry.get(lang(), entry["en"])
    return text.format(**params) if params else text
