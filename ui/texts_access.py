"""Interface texts of the access plan (roles, material, E2 parts, evacuation), FR and EN."""

from __future__ import annotations

ACCESS_TEXTS: dict[str, dict[str, str]] = {
    "roles_header": {
        "fr": "Plan des accès : filtrage, fermetures, secours",
        "en": "Access plan: filtering, closures, emergency",
    },
    "roles_summary": {
        "fr": "{filtering} points de filtrage, {closed} accès fermés, {emergency} accès "
        "secours · {units} barrières ({unit} m), {anti_ram} protections anti-bélier{fence}",
        "en": "{filtering} filtering points, {closed} closed accesses, {emergency} emergency "
        "accesses · {units} barriers ({unit} m), {anti_ram} anti-ram protections{fence}",
    },
    "roles_fence": {"fr": ", {metres} m de clôture", "en": ", {metres} m of fence"},
    "access_role_filtering": {"fr": "filtrage", "en": "filtering"},
    "access_role_closed": {"fr": "fermé", "en": "closed"},
    "access_role_emergency": {"fr": "secours", "en": "emergency"},
    "access_role_auto": {"fr": "proposé", "en": "proposed"},
    "col_set_role": {"fr": "Rôle choisi", "en": "Role set"},
    "col_proposed": {"fr": "Proposé", "en": "Proposed"},
    "col_frontage": {"fr": "Façade (m)", "en": "Frontage (m)"},
    "col_lanes_fit": {"fr": "Files / max", "en": "Lanes / max"},
    "col_queue": {"fr": "File 95 % (m²)", "en": "Queue 95 % (m²)"},
    "col_queue_fits": {"fr": "Tient", "en": "Fits"},
    "col_barriers": {"fr": "Barrières", "en": "Barriers"},
    "col_anti_ram": {"fr": "Anti-bélier", "en": "Anti-ram"},
    "col_step_free": {"fr": "Plain-pied", "en": "Step-free"},
    "col_detour": {"fr": "Détour (m)", "en": "Detour (m)"},
    "means_blocks": {"fr": "blocs", "en": "blocks"},
    "means_vehicle": {"fr": "véhicule amovible", "en": "removable vehicle"},
    "roles_apply": {"fr": "Appliquer les rôles", "en": "Apply the roles"},
    "roles_note": {
        "fr": "« proposé » suit la proposition de l'outil (le moins de points de filtrage "
        "qui tiennent l'attente visée avec des files qui tiennent sur la façade, à moins de "
        "{walk} m de marche de tout accès) ; un rôle choisi est gardé dans le scénario par les "
        "voies OSM traversées.",
        "en": "“proposed” follows the tool's proposal (the fewest filtering points that keep "
        "the wait target with lanes that fit the frontage, within {walk} m walk of every "
        "access); a role set is kept in the scenario by the OSM ways crossed.",
    },
    "clicked_access": {"fr": "Accès {id} — {street}", "en": "Access {id} — {street}"},
    "clicked_role": {"fr": "Rôle de {id}", "en": "Role of {id}"},
    "click_hint": {
        "fr": "Cliquez un accès sur la carte pour changer son rôle.",
        "en": "Click an access on the map to change its role.",
    },
    "e2_parts": {
        "fr": "E2 — délai des secours (min) : alerte {alert} + mobilisation {mobilisation} + "
        "trajet {drive} = {total}",
        "en": "E2 — response time (min): alert {alert} + mobilisation {mobilisation} + drive "
        "{drive} = {total}",
    },
    "e2_entered": {
        "fr": "E2 — délai des secours : {total} min, tel que saisi (chiffre du SDIS)",
        "en": "E2 — response time: {total} min, as entered (the SDIS's figure)",
    },
    "col_walk": {"fr": "Marche (min)", "en": "Walk (min)"},
    "col_flow": {"fr": "Écoulement (min)", "en": "Flow (min)"},
    "col_through": {"fr": "Évacue par", "en": "Evacuates through"},
    "task_supervisors": {"fr": "chefs de poste", "en": "supervisors"},
    "task_emergency_access": {"fr": "accès secours", "en": "emergency accesses"},
    "task_patrols": {"fr": "rondes du périmètre", "en": "perimeter patrols"},
    "param_e2_alert_min": {"fr": "E2 — traitement de l'alerte (min)", "en": "E2 — alert (min)"},
    "param_e2_mobilisation_min": {
        "fr": "E2 — mobilisation (min)",
        "en": "E2 — mobilisation (min)",
    },
    "param_e2_response_min": {
        "fr": "Délai du SDIS saisi (min, sans centre dans les données)",
        "en": "SDIS response entered (min, no station in the data)",
    },
    "param_lane_frontage_m": {"fr": "Façade par file (m)", "en": "Frontage per lane (m)"},
    "param_steward_space_m": {"fr": "Espace agent (m)", "en": "Steward space (m)"},
    "param_walk_limit_m": {
        "fr": "Marche max. jusqu'au filtrage (m)",
        "en": "Longest walk to filtering (m)",
    },
    "param_queue_m2_per_person": {"fr": "Place en file (m²/pers.)", "en": "Queue space (m²/p)"},
    "param_barrier_unit_m": {"fr": "Longueur d'une barrière (m)", "en": "Barrier unit (m)"},
    "param_supervisors_per_filtering_point": {
        "fr": "Chefs de poste par point de filtrage",
        "en": "Supervisors per filtering point",
    },
    "param_agents_per_emergency_access": {
        "fr": "Agents par accès secours",
        "en": "Agents per emergency access",
    },
    "param_closed_access_rule": {"fr": "Accès fermés", "en": "Closed accesses"},
    "rule_patrol": {"fr": "rondes", "en": "patrols"},
    "rule_unstaffed": {"fr": "sans agent", "en": "unstaffed"},
    "param_fence": {"fr": "Clôture entre les accès", "en": "Fence between accesses"},
}
