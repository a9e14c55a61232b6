"""Names shown on the map (layer names, tooltips, legend), in French and English."""

from __future__ import annotations

MAP_LABELS: dict[str, dict[str, str]] = {
    "streets": {"fr": "Rues (OSM)", "en": "Streets (OSM)"},
    "buildings": {"fr": "Bâtiments (OSM)", "en": "Buildings (OSM)"},
    "pois": {"fr": "Secours et transports", "en": "Emergency and transit"},
    "tiles": {"fr": "Fond OpenStreetMap (en ligne)", "en": "OpenStreetMap tiles (online)"},
    "perimeter": {"fr": "Périmètre", "en": "Perimeter"},
    "checkpoints": {"fr": "Points de filtrage", "en": "Checkpoints"},
    "vehicle": {"fr": "véhicules", "en": "vehicles"},
    "pedestrian": {"fr": "piétons", "en": "pedestrians"},
    "unnamed": {"fr": "voie sans nom", "en": "unnamed way"},
    "tunnel": {"fr": "tunnel", "en": "tunnel"},
    "bridge": {"fr": "pont", "en": "bridge"},
    "hospital": {"fr": "Hôpital / clinique", "en": "Hospital / clinic"},
    "fire_station": {"fr": "Centre de secours (pompiers)", "en": "Fire station"},
    "police": {"fr": "Police", "en": "Police"},
    "transit": {"fr": "Arrêt / entrée de transport", "en": "Transit stop / entrance"},
    "camera": {"fr": "Caméra de vidéoprotection", "en": "Surveillance camera"},
    "assembly_point": {"fr": "Point de rassemblement", "en": "Assembly point"},
    "defibrillator": {"fr": "Défibrillateur", "en": "Defibrillator"},
    "parking": {"fr": "Parking (arrivées en voiture)", "en": "Car park (arrivals by car)"},
    "zones": {"fr": "Zones du plan", "en": "Plan zones"},
    "capacity": {"fr": "Capacité", "en": "Capacity"},
    "hazard_isolation": {"fr": "Zone d'isolement", "en": "Isolation zone"},
    "hazard_lel_10": {"fr": "Panache : 10 % de la LIE", "en": "Plume: 10 % of the LEL"},
    "hazard_lel_60": {"fr": "Panache : 60 % de la LIE", "en": "Plume: 60 % of the LEL"},
    "screening_estimate": {
        "fr": "estimation de dépistage (méthane plus léger que l'air)",
        "en": "screening estimate (methane is lighter than air)",
    },
    "hazard_kind_gas_leak": {"fr": "Fuite de gaz", "en": "Gas leak"},
    "hazard_kind_security_perimeter": {"fr": "Périmètre de sûreté", "en": "Security perimeter"},
    "people": {"fr": "pers.", "en": "people"},
    "closed_street": {"fr": "Rue fermée", "en": "Closed street"},
    "closed_checkpoint": {"fr": "point fermé", "en": "closed"},
    "access_filtering": {"fr": "point de filtrage", "en": "filtering point"},
    "access_closed": {"fr": "accès fermé (barrières)", "en": "closed access (barriers)"},
    "access_emergency": {"fr": "accès secours", "en": "emergency access"},
    "materials": {"fr": "Barriérage et anti-bélier", "en": "Barriers and anti-ram"},
    "barrier_units": {"fr": "barrières", "en": "barriers"},
    "anti_ram_blocks": {"fr": "blocs anti-bélier", "en": "anti-ram blocks"},
    "anti_ram_vehicle": {"fr": "véhicule anti-bélier amovible", "en": "removable anti-ram vehicle"},
    "queue_area": {"fr": "File d'attente (95 %)", "en": "Queue (95 %)"},
    "queue_spills": {"fr": "déborde sur la chaussée", "en": "spills into traffic"},
    "route_detour": {"fr": "Détour vers le filtrage", "en": "Detour to filtering"},
    "planned_public": {"fr": "Public prévu", "en": "Planned public"},
    "shortfall": {"fr": "Manque", "en": "Shortfall"},
    "points": {
        "fr": "PC, postes de secours, rassemblement",
        "en": "Command post, first aid, assembly",
    },
    "role_perimeter": {"fr": "Périmètre", "en": "Perimeter"},
    "role_sector": {"fr": "Secteur", "en": "Sector"},
    "role_no_go": {"fr": "Zone interdite", "en": "No-go zone"},
    "role_inner_zone": {"fr": "Zone intérieure", "en": "Inner zone"},
    "role_emergency_lane": {"fr": "Voie d'urgence", "en": "Emergency lane"},
    "point_command_post": {"fr": "PC sécurité", "en": "Command post"},
    "point_first_aid_post": {"fr": "Poste de secours", "en": "First-aid post"},
    "point_assembly_point": {"fr": "Point de rassemblement", "en": "Assembly point"},
    "route_emergency": {"fr": "Accès des secours", "en": "Emergency access"},
    "route_evacuation": {"fr": "Évacuation", "en": "Evacuation"},
    "route_approach": {"fr": "Approche du public", "en": "Public approach"},
    "isochrone": {
        "fr": "Atteint en {minutes} min depuis les centres de secours",
        "en": "Reached within {minutes} min from the fire stations",
    },
    "draw_polygon": {"fr": "Tracer le périmètre (polygone)", "en": "Draw the perimeter (polygon)"},
    "draw_rectangle": {
        "fr": "Tracer un périmètre rectangulaire",
        "en": "Draw a rectangular perimeter",
    },
    "draw_start": {
        "fr": "Cliquez pour placer le premier sommet du périmètre.",
        "en": "Click to place the perimeter's first vertex.",
    },
    "draw_cont": {
        "fr": "Cliquez pour continuer le périmètre.",
        "en": "Click to continue the perimeter.",
    },
    "draw_end": {
        "fr": "Cliquez sur le premier sommet pour fermer le périmètre.",
        "en": "Click the first vertex to close the perimeter.",
    },
    "edit_save": {"fr": "Valider", "en": "Save"},
    "edit_clear_all": {"fr": "Tout effacer", "en": "Clear all"},
    "edit_button": {"fr": "Modifier les zones", "en": "Edit the zones"},
    "remove_button": {"fr": "Supprimer des zones", "en": "Delete zones"},
    "draw_cancel": {"fr": "Annuler", "en": "Cancel"},
    "draw_finish": {"fr": "Terminer", "en": "Finish"},
    "draw_undo": {"fr": "Supprimer le dernier sommet", "en": "Delete last vertex"},
}


def localized(catalogue: dict[str, dict[str, str]], key: str, lang: str) -> str:
    """Entry ``key`` of a FR/EN catalogue in ``lang`` (English when missing)."""
    entry = catalogue[key]
    return entry.get(lang, entry["en"])


def label(key: str, lang: str) -> str:
    """A map label in ``lang`` (English when missing)."""
    return localized(MAP_LABELS, key, lang)


def thousands(value: int) -> str:
    """12163 → ``12 163`` (a narrow no-break space, as French writes it)."""
    return f"{value:,}".replace(",", "\u202f")
