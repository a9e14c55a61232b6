"""Interface texts of the video-protection panel, FR and EN."""

from __future__ import annotations

CAMERA_TEXTS: dict[str, dict[str, str]] = {
    "cameras_header": {"fr": "Vidéoprotection", "en": "Video protection"},
    "cameras_needs_perimeter": {
        "fr": "Tracez le périmètre pour mesurer ce que voient les caméras.",
        "en": "Draw the perimeter to measure what the cameras see.",
    },
    "cameras_level": {"fr": "Niveau exigé (DORI)", "en": "Level required (DORI)"},
    "cameras_level_help": {
        "fr": "Densités de pixels de la norme EN 62676-4 : détection 25 px/m, observation 62,5, "
        "reconnaissance 125, identification 250.",
        "en": "Pixel densities of EN 62676-4: detection 25 px/m, observation 62.5, recognition "
        "125, identification 250.",
    },
    "level_detection": {"fr": "détection", "en": "detection"},
    "level_observation": {"fr": "observation", "en": "observation"},
    "level_recognition": {"fr": "reconnaissance", "en": "recognition"},
    "level_identification": {"fr": "identification", "en": "identification"},
    "cameras_night": {"fr": "Événement de nuit", "en": "Evening event"},
    "cameras_night_help": {
        "fr": "Portées multipliées par le facteur de nuit (ou portée infrarouge si connue).",
        "en": "Ranges times the night factor (or the infrared range when known).",
    },
    "cameras_night_factor": {"fr": "Facteur de nuit", "en": "Night factor"},
    "cameras_propose": {"fr": "Caméras mobiles à proposer", "en": "Mobile cameras to propose"},
    "cameras_mobile_type": {"fr": "Type de caméra mobile", "en": "Mobile camera type"},
    "camera_type_fixed": {"fr": "fixe", "en": "fixed"},
    "camera_type_dome": {"fr": "dôme", "en": "dome"},
    "camera_type_panning": {"fr": "motorisée (PTZ)", "en": "panning (PTZ)"},
    "camera_type_unknown": {"fr": "inconnu", "en": "unknown"},
    "cameras_mobile_fov": {"fr": "Champ horizontal (°)", "en": "Horizontal field (°)"},
    "cameras_weights": {"fr": "Poids des propositions", "en": "Weights of the proposals"},
    "weight_checkpoint": {"fr": "par point de filtrage", "en": "per checkpoint"},
    "weight_queue": {"fr": "par m² de file d'attente", "en": "per m² of queue"},
    "weight_crowd": {"fr": "par m² de foule", "en": "per m² of crowd"},
    "metric_cameras": {"fr": "Caméras utiles", "en": "Cameras in reach"},
    "metric_checkpoints_seen": {"fr": "Points de filtrage vus", "en": "Checkpoints seen"},
    "metric_outline_seen": {"fr": "Contour vu", "en": "Outline seen"},
    "metric_blind_spots": {"fr": "Angles morts", "en": "Blind spots"},
    "cameras_before": {"fr": "sans les propositions : {value}", "en": "without proposals: {value}"},
    "cameras_sectors": {
        "fr": "Surface utile vue par secteur",
        "en": "Usable surface seen per sector",
    },
    "col_camera_sector": {"fr": "Secteur", "en": "Sector"},
    "col_usable_m2": {"fr": "Surface utile (m²)", "en": "Usable (m²)"},
    "col_seen_share": {"fr": "Part vue", "en": "Share seen"},
    "cameras_checkpoints": {"fr": "Points de filtrage", "en": "Checkpoints"},
    "col_camera_checkpoint": {"fr": "Point", "en": "Point"},
    "col_best_level": {"fr": "Meilleur niveau", "en": "Best level"},
    "col_queue_seen": {"fr": "File vue", "en": "Queue seen"},
    "not_seen": {"fr": "non vu", "en": "not seen"},
    "cameras_table": {"fr": "Caméras", "en": "Cameras"},
    "col_camera": {"fr": "Caméra", "en": "Camera"},
    "col_camera_source": {"fr": "Origine", "en": "Source"},
    "source_osm": {"fr": "OSM", "en": "OSM"},
    "source_planned": {"fr": "placée", "en": "placed"},
    "source_proposed": {"fr": "proposée", "en": "proposed"},
    "col_camera_type": {"fr": "Type", "en": "Type"},
    "col_direction": {"fr": "Direction", "en": "Direction"},
    "direction_all_round": {"fr": "360°", "en": "360°"},
    "direction_unknown": {"fr": "inconnue", "en": "unknown"},
    "col_range": {"fr": "Portée {level} (m)", "en": "{level} range (m)"},
    "col_mount": {"fr": "Support", "en": "Mount"},
    "col_adds": {"fr": "Apporte", "en": "Adds"},
    "adds_text": {
        "fr": "{checkpoints}{crowd} m² de foule",
        "en": "{checkpoints}{crowd} m² of crowd",
    },
    "cameras_download": {"fr": "Couverture (GeoJSON)", "en": "Coverage (GeoJSON)"},
    "cameras_mobile_header": {"fr": "Caméras mobiles placées", "en": "Placed mobile cameras"},
    "equipment_camera": {"fr": "Caméras mobiles", "en": "Mobile cameras"},
    "cameras_lent": {
        "fr": "Les communes prêtent {lent} caméras mobiles ; {placed} placées.",
        "en": "The communes lend {lent} mobile cameras; {placed} placed.",
    },
    "cameras_keep_proposals": {
        "fr": "Placer les caméras proposées",
        "en": "Place the proposed cameras",
    },
    "cameras_sources": {
        "fr": "Portées : résolution / (densité × 2 × tan(champ/2)), raccourcies par la hauteur "
        "(cible à 1,6 m) et l'inclinaison ; défauts : Full HD, 90° (fixe, dôme), 60° (PTZ) "
        "(hypothèses). Densités DORI EN 62676-4 (citées, norme non lue). Les dômes et PTZ sans "
        "direction comptent sur 360° (ce qu'ils peuvent voir, pas à chaque instant).",
        "en": "Ranges: resolution / (density × 2 × tan(field/2)), shortened by height (target "
        "at 1.6 m) and tilt; defaults: full HD, 90° (fixed, dome), 60° (PTZ) (assumptions). "
        "DORI densities EN 62676-4 (quoted, standard not read). Domes and PTZ with no "
        "direction count on 360° (what they can see, not at every instant).",
    },
}
