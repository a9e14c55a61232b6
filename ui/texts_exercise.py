"""Interface texts of the exercise replay and the hazards editor, FR and EN."""

from __future__ import annotations

EXERCISE_TEXTS: dict[str, dict[str, str]] = {
    "replay_header": {"fr": "Rejeu de l'exercice", "en": "Exercise replay"},
    "replay_error": {"fr": "Exercice non rejouable", "en": "The exercise cannot be replayed"},
    "replay_time": {
        "fr": "Temps depuis le début de l'exercice (MM:SS)",
        "en": "Time from the exercise start (MM:SS)",
    },
    "replay_prev": {"fr": "« Inject précédent", "en": "« Previous inject"},
    "replay_back": {"fr": "− 1 min", "en": "− 1 min"},
    "replay_play": {"fr": "▶ Lecture", "en": "▶ Play"},
    "replay_pause": {"fr": "■ Pause", "en": "■ Pause"},
    "replay_forward": {"fr": "+ 1 min", "en": "+ 1 min"},
    "replay_next": {"fr": "Inject suivant »", "en": "Next inject »"},
    "replay_state": {"fr": "Situation à {at}", "en": "State at {at}"},
    "replay_log": {"fr": "Main courante (injects déclenchés)", "en": "Log (injects fired)"},
    "col_from_to": {"fr": "De → À", "en": "From → To"},
    "replay_closed_streets": {"fr": "Rues fermées", "en": "Closed streets"},
    "replay_evacuating": {"fr": "Secteurs en évacuation", "en": "Sectors being evacuated"},
    "replay_closed_checkpoints": {"fr": "Points de filtrage fermés", "en": "Closed checkpoints"},
    "replay_route_times": {
        "fr": "Délais d'accès des secours : plan seul → maintenant",
        "en": "Emergency access times: plan alone → now",
    },
    "col_hazard": {"fr": "Danger", "en": "Hazard"},
    "hazard_gas_leak": {"fr": "fuite de gaz", "en": "gas leak"},
    "hazard_security_perimeter": {"fr": "périmètre de sûreté", "en": "security perimeter"},
    "col_radius": {"fr": "Rayon (m)", "en": "Radius (m)"},
    "col_zone_area": {"fr": "Zone (m²)", "en": "Zone (m²)"},
    "col_buildings": {"fr": "Bâtiments", "en": "Buildings"},
    "col_people": {"fr": "Personnes (estim.)", "en": "People (est.)"},
    "col_sectors": {"fr": "Secteurs touchés", "en": "Sectors affected"},
    "col_fire_station": {"fr": "Pompiers", "en": "Fire station"},
    "unreachable": {"fr": "inaccessible", "en": "unreachable"},
    "plume_note": {
        "fr": "Panache gaussien (σ urbains de Briggs) tracé à 10 % et 60 % de la LIE du "
        "méthane : estimation de dépistage — le méthane, plus léger que l'air, s'élève.",
        "en": "Gaussian plume (Briggs urban σ) drawn at 10 % and 60 % of methane's LEL: a "
        "screening estimate — methane is lighter than air and rises.",
    },
    "after_action_download": {
        "fr": "Télécharger le retour d'expérience (Markdown)",
        "en": "Download the after-action summary (Markdown)",
    },
    "tab_hazards": {"fr": "Dangers", "en": "Hazards"},
    "col_params": {"fr": "Paramètres", "en": "Parameters"},
    "col_at": {"fr": "Début (MM:SS)", "en": "Start (MM:SS)"},
    "hazards_help": {
        "fr": "Paramètres « clé=valeur ; … ». Fuite de gaz : isolation_radius_m, ou "
        "pipeline_diameter_mm et pressure_bar, ou isolation_basis=erg_115 ; panache : "
        "release_rate_kg_s, wind_from_deg, wind_speed_m_s, stability_class (A–F). Périmètre : "
        "radius_m.",
        "en": "Parameters “key=value; …”. Gas leak: isolation_radius_m, or pipeline_diameter_mm "
        "and pressure_bar, or isolation_basis=erg_115; plume: release_rate_kg_s, wind_from_deg, "
        "wind_speed_m_s, stability_class (A–F). Perimeter: radius_m.",
    },
    "export_header": {"fr": "Exports pour la préfecture", "en": "Exports for the prefecture"},
    "export_paper": {"fr": "Format", "en": "Paper"},
    "export_orientation": {"fr": "Orientation", "en": "Orientation"},
    "orientation_landscape": {"fr": "paysage", "en": "landscape"},
    "orientation_portrait": {"fr": "portrait", "en": "portrait"},
    "export_marking": {
        "fr": "Mention (ex. « Diffusion restreinte »)",
        "en": "Marking (e.g. “Diffusion restreinte”)",
    },
    "export_prepare": {"fr": "Préparer les exports", "en": "Prepare the exports"},
    "export_hint": {
        "fr": "Planche PDF/PNG, GeoPackage (QGIS, Lambert-93), GeoJSON, KML (Google Earth) et "
        "carte HTML autonome, pour le plan tel qu'il est.",
        "en": "PDF/PNG sheet, GeoPackage (QGIS, Lambert-93), GeoJSON, KML (Google Earth) and a "
        "standalone HTML map, for the plan as it is.",
    },
    "export_version": {
        "fr": "Version exportée : {version} (un plan modifié non enregistré est un brouillon).",
        "en": "Exported version: {version} (an edited, unsaved plan is a draft).",
    },
    "export_preview": {"fr": "Aperçu de la planche", "en": "Sheet preview"},
}
