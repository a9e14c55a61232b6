"""Texts of the regional-extract part of the area panel (ui.area_panel)."""

from __future__ import annotations

EXTRACT_TEXTS: dict[str, dict[str, str]] = {
    "source_extract": {
        "fr": "Extrait régional (découpé)",
        "en": "Regional extract (clipped)",
    },
    "extract_file": {"fr": "Fichier de l'extrait", "en": "Extract file"},
    "extract_file_help": {
        "fr": "Fichiers mis à disposition sur le serveur par l'administrateur "
        "(VIGIE_EXTRACTS_DIR), ou un fichier téléversé.",
        "en": "Files an administrator offers on the server (VIGIE_EXTRACTS_DIR), or an "
        "uploaded file.",
    },
    "extract_choose_upload": {"fr": "Téléverser un fichier…", "en": "Upload a file…"},
    "extract_upload": {
        "fr": "Extrait .osm.pbf (un département…)",
        "en": ".osm.pbf extract (a département…)",
    },
    "extract_commune": {"fr": "Commune (nom ou code INSEE)", "en": "Commune (name or INSEE code)"},
    "extract_bbox": {
        "fr": "…ou emprise ouest,sud,est,nord",
        "en": "…or bounding box west,south,east,north",
    },
    "extract_load": {"fr": "Découper et charger", "en": "Clip and load"},
    "extract_no_file": {
        "fr": "Choisissez d'abord le fichier de l'extrait.",
        "en": "Choose the extract file first.",
    },
    "extract_running": {"fr": "Découpage de {name}…", "en": "Clipping {name}…"},
    "extract_done": {
        "fr": "Extrait découpé : {name} ({mb:.1f} Mo).",
        "en": "Extract clipped: {name} ({mb:.1f} MB).",
    },
    "extract_failed": {"fr": "Le découpage a échoué", "en": "Clipping failed"},
    "step_hashing": {"fr": "Identification du fichier", "en": "Identifying the file"},
    "step_waiting": {
        "fr": "En attente d'un autre découpage en cours",
        "en": "Waiting for another clip under way",
    },
    "step_boundaries": {
        "fr": "Lecture des limites communales",
        "en": "Reading the commune boundaries",
    },
    "step_clipping": {"fr": "Découpage (osmium extract)", "en": "Clipping (osmium extract)"},
    "step_checking": {"fr": "Vérification du découpage", "en": "Checking the clip"},
}
