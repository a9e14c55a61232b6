"""Texts of the app's interface, French by default with an English switch."""

from __future__ import annotations

import streamlit as st

from planner.errors import Notice, PlannerError
from planner.markup import markdown_text
from ui.texts_access import ACCESS_TEXTS
from ui.texts_auth import AUTH_TEXTS
from ui.texts_cameras import CAMERA_TEXTS
from ui.texts_exercise import EXERCISE_TEXTS
from ui.texts_extract import EXTRACT_TEXTS
from ui.texts_staffing import STAFFING_TEXTS

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
    # --- scenario management
    "scenario_header": {"fr": "Scénario", "en": "Scenario"},
    "author": {"fr": "Votre nom (auteur des enregistrements)", "en": "Your name (saves' author)"},
    "scenario_title": {"fr": "Titre du plan", "en": "Plan title"},
    "scenario_status_new": {"fr": "Non enregistré", "en": "Not saved yet"},
    "scenario_status_saved": {
        "fr": "Version {version} enregistrée",
        "en": "Saved version {version}",
    },
    "scenario_status_dirty": {
        "fr": "{status} · modifications non enregistrées",
        "en": "{status} · unsaved changes",
    },
    "new": {"fr": "Nouveau", "en": "New"},
    "unsaved_question": {
        "fr": "Le plan a des modifications non enregistrées. {action} les perdra : continuer ?",
        "en": "The plan has unsaved changes. {action} will lose them: go on?",
    },
    "unsaved_action_open": {"fr": "Ouvrir un autre plan", "en": "Opening another plan"},
    "unsaved_action_import": {"fr": "Importer ce fichier", "en": "Importing this file"},
    "unsaved_action_new": {"fr": "Commencer un nouveau plan", "en": "Starting a new plan"},
    "unsaved_action_restore": {
        "fr": "Restaurer cette version",
        "en": "Restoring this version",
    },
    "unsaved_replace": {"fr": "Continuer sans enregistrer", "en": "Go on without saving"},
    "unsaved_keep": {"fr": "Garder mes modifications", "en": "Keep my changes"},
    "save": {"fr": "Enregistrer", "en": "Save"},
    "save_as": {"fr": "Enregistrer sous", "en": "Save as"},
    "save_comment": {"fr": "Commentaire de la version", "en": "Version comment"},
    "saved": {
        "fr": "Enregistré : version {version} de « {title} ».",
        "en": "Saved: version {version} of “{title}”.",
    },
    "save_failed": {"fr": "Non enregistré", "en": "Not saved"},
    "open_header": {"fr": "Ouvrir", "en": "Open"},
    "open_choice": {
        "fr": "Scénarios enregistrés et exemples",
        "en": "Stored scenarios and examples",
    },
    "open": {"fr": "Ouvrir", "en": "Open"},
    "opened": {"fr": "Ouvert : « {title} ».", "en": "Opened: “{title}”."},
    "example": {"fr": "exemple", "en": "example"},
    "history_header": {"fr": "Historique", "en": "History"},
    "history_empty": {
        "fr": "Enregistrez le plan pour commencer son historique.",
        "en": "Save the plan to start its history.",
    },
    "col_version": {"fr": "Version", "en": "Version"},
    "col_author": {"fr": "Auteur", "en": "Author"},
    "col_saved_at": {"fr": "Enregistrée le", "en": "Saved at"},
    "col_comment": {"fr": "Commentaire", "en": "Comment"},
    "restore_choice": {"fr": "Version à restaurer", "en": "Version to restore"},
    "restore": {"fr": "Restaurer", "en": "Restore"},
    "restored": {
        "fr": "Version {old} restaurée comme version {new}.",
        "en": "Version {old} restored as version {new}.",
    },
    "import_export_header": {"fr": "Importer / exporter", "en": "Import / export"},
    "import_file": {"fr": "Importer un scénario (.json)", "en": "Import a scenario (.json)"},
    "imported": {
        "fr": "Importé : « {title} » (pas encore enregistré).",
        "en": "Imported: “{title}” (not saved yet).",
    },
    "export_file": {"fr": "Exporter le scénario (JSON)", "en": "Export the scenario (JSON)"},
    "unsaved_warning": {
        "fr": "Les modifications non enregistrées de ce plan seront perdues.",
        "en": "This plan's unsaved changes will be lost.",
    },
    "confirm_discard": {"fr": "Abandonner les modifications", "en": "Discard the changes"},
    # --- drawing
    "draw_role": {"fr": "Ce que je trace sur la carte", "en": "What I draw on the map"},
    "zones_import": {
        "fr": "…ou importer des zones GeoJSON (rôle ci-dessus)",
        "en": "…or import GeoJSON zones (role above)",
    },
    "zones_imported": {
        "fr": "{count} zone(s) importée(s) : {name}.",
        "en": "{count} zone(s) imported: {name}.",
    },
    "zones_clear": {"fr": "Effacer toutes les zones", "en": "Clear all zones"},
    "zones_summary": {"fr": "Zones : {summary}", "en": "Zones: {summary}"},
    # --- editors
    "tab_event": {"fr": "Événement", "en": "Event"},
    "tab_resources": {"fr": "Moyens des communes", "en": "Communes' means"},
    "tab_points": {"fr": "PC et postes", "en": "Posts"},
    "tab_injects": {"fr": "Chronologie (injects)", "en": "Timeline (injects)"},
    "event_name": {"fr": "Nom de l'événement", "en": "Event name"},
    "event_kind": {"fr": "Type de plan", "en": "Plan type"},
    "kind_event": {"fr": "événement", "en": "event"},
    "kind_exercise": {"fr": "exercice", "en": "exercise"},
    "start_date": {"fr": "Début (date)", "en": "Start (date)"},
    "start_time": {"fr": "Début (heure)", "en": "Start (time)"},
    "end_date": {"fr": "Fin (date)", "en": "End (date)"},
    "end_time": {"fr": "Fin (heure)", "en": "End (time)"},
    "peak_attendance": {
        "fr": "Affluence maximale simultanée (P1)",
        "en": "Peak attendance at one time (P1)",
    },
    "arrival_peak_share": {
        "fr": "Part du public arrivant dans le quart d'heure le plus chargé (%)",
        "en": "Share of the public arriving in the busiest 15 minutes (%)",
    },
    "public_type": {"fr": "Type de public", "en": "Type of public"},
    "public_seated": {"fr": "assis", "en": "seated"},
    "public_standing": {"fr": "debout", "en": "standing"},
    "public_static_show": {"fr": "debout, spectacle statique", "en": "standing, static show"},
    "public_dynamic": {
        "fr": "dynamique (fête, carnaval, défilé)",
        "en": "dynamic (party, carnival, parade)",
    },
    "screening_mode": {"fr": "Mode de filtrage", "en": "Screening mode"},
    "apply": {"fr": "Appliquer", "en": "Apply"},
    "applied": {"fr": "Modifications appliquées au plan.", "en": "Changes applied to the plan."},
    "invalid_edit": {"fr": "Modification refusée", "en": "Change refused"},
    "col_commune": {"fr": "Commune", "en": "Commune"},
    "col_base_lon": {"fr": "Base (lon)", "en": "Base (lon)"},
    "col_base_lat": {"fr": "Base (lat)", "en": "Base (lat)"},
    "col_role": {"fr": "Rôle", "en": "Role"},
    "col_name": {"fr": "Nom", "en": "Name"},
    "col_time": {"fr": "Heure (MM:SS)", "en": "Time (MM:SS)"},
    "col_from": {"fr": "De", "en": "From"},
    "col_to": {"fr": "À", "en": "To"},
    "col_message": {"fr": "Message", "en": "Message"},
    "col_expected": {"fr": "Action attendue", "en": "Expected action"},
    "col_effect": {"fr": "Effet sur la carte", "en": "Map effect"},
    "col_target": {"fr": "Cible", "en": "Target"},
    "hazards_stored": {
        "fr": "Aléas enregistrés (calculés par le module exercice) : {hazards}",
        "en": "Stored hazards (computed by the exercise module): {hazards}",
    },
    "agent_municipal_police": {"fr": "Police municipale", "en": "Municipal police"},
    "agent_private_security": {"fr": "Sécurité privée", "en": "Private security"},
    "agent_first_aiders": {"fr": "Secouristes", "en": "First-aiders"},
    "agent_national_police": {"fr": "Police nationale", "en": "National police"},
    "screening_visual": {"fr": "contrôle visuel des sacs", "en": "visual bag check"},
    "screening_hand_search_no_bags": {
        "fr": "palpation, public sans sacs",
        "en": "pat-down, public without bags",
    },
    "screening_hand_search_mixed": {
        "fr": "palpation, public mixte",
        "en": "pat-down, mixed public",
    },
    "screening_hand_search_bags": {
        "fr": "palpation, public avec sacs",
        "en": "pat-down, public with bags",
    },
    "screening_hand_search_wand": {
        "fr": "palpation et magnétomètre",
        "en": "pat-down and hand wand",
    },
    "screening_bag_scanner": {
        "fr": "palpation et scanner à bagages",
        "en": "pat-down and bag scanner",
    },
    "screening_metal_detector": {"fr": "portique de détection", "en": "walk-through detector"},
    "route_layers": {"fr": "Itinéraires affichés", "en": "Routes shown"},
    "layer_emergency": {"fr": "accès des secours", "en": "emergency access"},
    "layer_evacuation": {"fr": "évacuation", "en": "evacuation"},
    "layer_approach": {"fr": "approche du public", "en": "public approach"},
    "layer_isochrones": {"fr": "isochrones 5/10/15 min", "en": "5/10/15 min isochrones"},
    "access_header": {"fr": "Accès et itinéraires", "en": "Access and routes"},
    "access_needs_sectors": {
        "fr": "Tracez au moins un secteur pour calculer les itinéraires.",
        "en": "Draw at least one sector to compute the routes.",
    },
    "emergency_table": {
        "fr": "Délai d'accès des secours par secteur (véhicules, sous fermetures)",
        "en": "Emergency access time per sector (vehicles, under closures)",
    },
    "evacuation_table": {
        "fr": "Évacuation à pied vers la sortie la plus proche",
        "en": "Evacuation on foot to the nearest exit",
    },
    "approach_table": {
        "fr": "Arrêts de transport servis par point de filtrage",
        "en": "Transit stops served per checkpoint",
    },
    "col_sector": {"fr": "Secteur", "en": "Sector"},
    "col_fire": {"fr": "Pompiers", "en": "Fire"},
    "col_hospital": {"fr": "Hôpital", "en": "Hospital"},
    "col_police": {"fr": "Police", "en": "Police"},
    "col_length": {"fr": "Distance (m)", "en": "Distance (m)"},
    "col_minutes": {"fr": "Depuis le centre (min)", "en": "From the centre (min)"},
    "col_worst": {"fr": "Point le plus éloigné (min)", "en": "Farthest point (min)"},
    "col_checkpoint": {"fr": "Point de filtrage", "en": "Checkpoint"},
    "col_stops": {"fr": "Arrêts", "en": "Stops"},
    "col_share": {"fr": "Part des arrivées", "en": "Share of arrivals"},
    "speeds_note": {
        "fr": "Vitesses : balise maxspeed d'OSM, sinon valeur par classe de voie (planner/"
        "doctrine.py) ; E2 d'après le délai des pompiers (≤ 10 min : 0,25). "
        "Marche : 1,2 m/s.",
        "en": "Speeds: OSM maxspeed tag, else a value per road class (planner/doctrine.py); E2 "
        "from the fire-station time (≤ 10 min: 0.25). Walking: 1.2 m/s.",
    },
    "attribution": {
        "fr": "Données © contributeurs OpenStreetMap, ODbL.",
        "en": "Data © OpenStreetMap contributors, ODbL.",
    },
}

TEXTS.update(STAFFING_TEXTS)
TEXTS.update(EXERCISE_TEXTS)
TEXTS.update(AUTH_TEXTS)
TEXTS.update(EXTRACT_TEXTS)
TEXTS.update(CAMERA_TEXTS)
TEXTS.update(ACCESS_TEXTS)


def lang() -> str:
    """The current session's language code."""
    return st.session_state.get("lang", DEFAULT_LANG)


def t(key: str, **params: object) -> str:
    """Interface text ``key`` in the current language. The texts are Markdown (Streamlit renders
    messages and labels as Markdown); their parameters are data, escaped as plain text here."""
    entry = TEXTS[key]
    text = entry.get(lang(), entry["en"])
    if not params:
        return text
    return text.format(
        **{k: markdown_text(v) if isinstance(v, str) else v for k, v in params.items()}
    )


def said(err: PlannerError | Notice) -> str:
    """A core message (plain text, which may quote names) as Streamlit shows it: escaped."""
    return markdown_text(err.message(lang()))
