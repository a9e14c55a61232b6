"""Interface texts of the staffing panel (sectors, screening, DPS, pooled means), FR and EN."""

from __future__ import annotations

STAFFING_TEXTS: dict[str, dict[str, str]] = {
    "staffing_header": {"fr": "Secteurs et effectifs", "en": "Sectors and staffing"},
    "staffing_needs_perimeter": {
        "fr": "Tracez le périmètre (et, si besoin, ses secteurs) pour calculer capacités et "
        "effectifs.",
        "en": "Draw the perimeter (and its sectors if needed) to compute capacity and staffing.",
    },
    "default_sector_note": {
        "fr": "Aucun secteur tracé : le périmètre entier est le secteur A.",
        "en": "No sector drawn: the whole perimeter is sector A.",
    },
    "metric_public": {"fr": "Public attendu", "en": "Expected public"},
    "metric_capacity": {"fr": "Capacité des secteurs", "en": "Sectors' capacity"},
    "metric_dps": {"fr": "Secouristes", "en": "First-aiders"},
    "metric_agents": {"fr": "Agents nécessaires", "en": "Agents needed"},
    "metric_shortfall": {"fr": "Manque", "en": "Shortfall"},
    "sectors_table": {"fr": "Fiches secteurs", "en": "Sector sheets"},
    "col_area": {"fr": "Surface (m²)", "en": "Area (m²)"},
    "col_usable": {"fr": "Surface utile (m²)", "en": "Usable (m²)"},
    "col_capacity": {"fr": "Capacité", "en": "Capacity"},
    "col_limited": {"fr": "Limitée par", "en": "Limited by"},
    "limited_surface": {"fr": "la surface", "en": "surface"},
    "limited_exits": {"fr": "les sorties", "en": "exits"},
    "col_public": {"fr": "Public prévu", "en": "Planned public"},
    "col_exits": {"fr": "Sorties", "en": "Exits"},
    "col_exit_width": {"fr": "Largeur des sorties (m)", "en": "Exit width (m)"},
    "col_evac": {
        "fr": "Évacuation, marche + écoulement (min)",
        "en": "Evacuation, walk + flow (min)",
    },
    "col_evac_blocked": {
        "fr": "Sortie la plus large bloquée (min)",
        "en": "Widest exit blocked (min)",
    },
    "col_shortfall": {"fr": "Manque", "en": "Shortfall"},
    "col_checkpoints": {"fr": "Points de filtrage", "en": "Checkpoints"},
    "sector_sheet": {"fr": "Fiche du secteur {name}", "en": "Sector {name} sheet"},
    "col_width": {"fr": "Largeur (m)", "en": "Width (m)"},
    "col_width_source": {"fr": "Estimation", "en": "Estimate"},
    "col_stairs": {"fr": "Escalier", "en": "Stairs"},
    "col_surface_source": {"fr": "Surface estimée par", "en": "Surface estimated from"},
    "source_width_tag": {"fr": "balise OSM width", "en": "OSM width tag"},
    "source_lanes": {
        "fr": "nombre de voies × 3 m + trottoirs",
        "en": "lanes × 3 m + sidewalks",
    },
    "source_class_default": {
        "fr": "largeur type de la classe de voie",
        "en": "typical width of the road class",
    },
    "source_open_space": {
        "fr": "places et zones piétonnes OSM",
        "en": "OSM squares and pedestrian areas",
    },
    "capacity_note": {
        "fr": "Capacité = min(surface utile × {density} pers./m², largeur des sorties hors la "
        "plus large × {flow} pers./m/min × {time} min). Le public est réparti entre secteurs "
        "au prorata de leur capacité.",
        "en": "Capacity = min(usable surface × {density} persons/m², exit width without the "
        "widest × {flow} persons/m/min × {time} min). The public is shared over sectors in "
        "proportion to their capacity.",
    },
    "screening_header": {"fr": "Filtrage aux points d'accès", "en": "Screening at checkpoints"},
    "col_arrivals": {"fr": "Arrivées au pic (pers./min)", "en": "Peak arrivals (persons/min)"},
    "col_lanes": {"fr": "Files", "en": "Lanes"},
    "col_agents": {"fr": "Agents", "en": "Agents"},
    "col_wait": {"fr": "Attente moyenne (min)", "en": "Mean wait (min)"},
    "col_wait95": {"fr": "{share} attendent moins de (min)", "en": "{share} wait less than (min)"},
    "screening_note": {
        "fr": "File d'attente M/M/c (Erlang C) au quart d'heure de pointe : {rate} pers./min par "
        "file, {per_lane} agent(s) par file ; objectif : {share} des personnes attendent moins "
        "de {target} min. Arrivées réparties selon les arrêts de transport desservant chaque "
        "point (à parts égales sans arrêt).",
        "en": "M/M/c queue (Erlang C) at the peak quarter-hour: {rate} persons/min per lane, "
        "{per_lane} agent(s) per lane; target: {share} of people wait less than {target} min. "
        "Arrivals split by the transit stops each checkpoint serves (evenly without stops).",
    },
    "chart_arrivals": {"fr": "Profil d'arrivée du public", "en": "Arrival profile"},
    "chart_wait": {
        "fr": "Attente moyenne selon le nombre de files (points les plus chargés ; 30 min = file "
        "qui ne se vide jamais)",
        "en": "Mean wait against the number of lanes (busiest checkpoints; 30 min = a queue "
        "that never empties)",
    },
    "axis_slot": {"fr": "Quart d'heure se terminant à (min)", "en": "Quarter-hour ending at (min)"},
    "axis_people": {"fr": "Arrivées (pers.)", "en": "Arrivals (persons)"},
    "axis_lanes": {"fr": "Files ouvertes", "en": "Open lanes"},
    "axis_wait": {"fr": "Attente moyenne (min)", "en": "Mean wait (min)"},
    "dps_header": {"fr": "Dispositif prévisionnel de secours", "en": "First-aid cover (DPS)"},
    "dps_line": {
        "fr": "P = {p} · i = P2 {p2} + E1 {e1} + E2 {e2} = {i} → RIS = {ris} → **{category}** : "
        "**{first_aiders} secouristes**, {posts} poste(s) de secours.",
        "en": "P = {p} · i = P2 {p2} + E1 {e1} + E2 {e2} = {i} → RIS = {ris} → **{category}**: "
        "**{first_aiders} first-aiders**, {posts} first-aid post(s).",
    },
    "dps_e2_routed": {
        "fr": "E2 d'après l'itinéraire le plus rapide des pompiers vers le secteur le moins bien "
        "desservi. Référentiel national DPS (arrêté du 7 novembre 2006).",
        "en": "E2 from the fastest fire-station route to the worst-served sector. French DPS "
        "référentiel (arrêté of 7 November 2006).",
    },
    "dps_none": {"fr": "pas de DPS requis", "en": "no DPS required"},
    "roster_header": {"fr": "Moyens mutualisés des communes", "en": "Communes' pooled means"},
    "col_role": {"fr": "Rôle", "en": "Role"},
    "col_distance": {"fr": "Distance (km)", "en": "Distance (km)"},
    "col_distance_kind": {"fr": "Mesure", "en": "Measured"},
    "distance_road": {"fr": "par la route", "en": "by road"},
    "distance_straight": {"fr": "à vol d'oiseau", "en": "straight line"},
    "roster_note": {
        "fr": "Affectation au plus près (flot de coût minimal sur la distance depuis la base de "
        "chaque commune), rôle par rôle.",
        "en": "Nearest first (min-cost flow over the distance from each commune's base), role "
        "by role.",
    },
    "no_offers": {
        "fr": "Aucun moyen prêté : saisissez-les ou importez un CSV (onglet « Moyens des "
        "communes »).",
        "en": "No means lent yet: enter them or import a CSV (tab “Communes' means”).",
    },
    "totals_header": {"fr": "Totaux par rôle", "en": "Totals by role"},
    "col_needed": {"fr": "Besoin", "en": "Needed"},
    "col_offered": {"fr": "Prêtés", "en": "Lent"},
    "col_assigned": {"fr": "Affectés", "en": "Assigned"},
    "no_shortfall": {
        "fr": "Les moyens prêtés couvrent tous les besoins.",
        "en": "The means lent cover every need.",
    },
    "shortfall_warning": {
        "fr": "Il manque {count} agents : voir les cases en rouge.",
        "en": "{count} agents are missing: see the cells in red.",
    },
    "task_screening": {"fr": "filtrage", "en": "screening"},
    "task_stewards": {"fr": "stadiers", "en": "stewards"},
    "task_police": {"fr": "police aux accès véhicules", "en": "police at vehicle checkpoints"},
    "task_first_aid": {"fr": "secours", "en": "first aid"},
    "params_header": {"fr": "Hypothèses et sources", "en": "Assumptions and sources"},
    "params_apply": {"fr": "Appliquer les hypothèses", "en": "Apply the assumptions"},
    "params_reset": {"fr": "Revenir aux valeurs de référence", "en": "Back to reference values"},
    "params_applied": {"fr": "Hypothèses appliquées.", "en": "Assumptions applied."},
    "col_param": {"fr": "Paramètre", "en": "Parameter"},
    "col_value": {"fr": "Valeur", "en": "Value"},
    "col_default": {"fr": "Référence", "en": "Reference"},
    "col_source": {"fr": "Source", "en": "Source"},
    "col_checked": {"fr": "Vérifiée", "en": "Checked"},
    "checked_yes": {"fr": "oui", "en": "yes"},
    "checked_no": {"fr": "à vérifier", "en": "to be checked"},
    "auto": {"fr": "automatique", "en": "automatic"},
    "param_density_p_m2": {
        "fr": "Densité de planification (pers./m²)",
        "en": "Planning density (persons/m²)",
    },
    "param_flow_level_p_m_min": {
        "fr": "Débit des sorties à plat (pers./m/min)",
        "en": "Exit flow, level (persons/m/min)",
    },
    "param_flow_stairs_p_m_min": {
        "fr": "Débit des sorties en escalier (pers./m/min)",
        "en": "Exit flow, stairs (persons/m/min)",
    },
    "param_exit_time_min": {"fr": "Temps d'évacuation visé (min)", "en": "Target exit time (min)"},
    "param_lane_rate_p_min": {
        "fr": "Débit d'une file de filtrage (pers./min)",
        "en": "Screening lane rate (persons/min)",
    },
    "param_agents_per_lane": {"fr": "Agents par file", "en": "Agents per lane"},
    "param_wait_target_min": {"fr": "Attente visée (min)", "en": "Target wait (min)"},
    "param_wait_target_share": {
        "fr": "Part du public sous l'attente visée",
        "en": "Share of the public under the target wait",
    },
    "param_arrival_window_min": {
        "fr": "Durée des arrivées avant le début (min)",
        "en": "Arrival window before the start (min)",
    },
    "param_public_per_steward": {"fr": "Public par stadier", "en": "Public per steward"},
    "param_police_per_vehicle_checkpoint": {
        "fr": "Policiers par accès véhicules",
        "en": "Police per vehicle checkpoint",
    },
    "param_police_role": {
        "fr": "Police aux accès véhicules",
        "en": "Police at vehicle checkpoints",
    },
    "param_p2": {"fr": "P2 — activité du public", "en": "P2 — public's activity"},
    "param_e1": {"fr": "E1 — site et accès", "en": "E1 — site and access"},
    "param_e2": {"fr": "E2 — délai des secours publics", "en": "E2 — public rescue delay"},
    "split_header": {"fr": "Découpage automatique en secteurs", "en": "Automatic sectors"},
    "split_count": {"fr": "Nombre de secteurs", "en": "Number of sectors"},
    "split_button": {"fr": "Découper le périmètre", "en": "Split the perimeter"},
    "split_help": {
        "fr": "Secteurs de longueur de rues équilibrée, suivant le réseau ; ils remplacent les "
        "secteurs tracés.",
        "en": "Sectors of balanced street length, following the network; they replace the "
        "drawn sectors.",
    },
    "split_done": {
        "fr": "{count} secteurs créés : {names}.",
        "en": "{count} sectors made: {names}.",
    },
    "offers_csv": {"fr": "Importer les moyens (CSV)", "en": "Import the means (CSV)"},
    "offers_csv_help": {
        "fr": "Une ligne par commune : commune, lon, lat, puis une colonne par rôle "
        "(municipal_police ou police_municipale, private_security, first_aiders, "
        "national_police). Séparateur « , » ou « ; ».",
        "en": "One row per commune: commune, lon, lat, then one column per role "
        "(municipal_police, private_security, first_aiders, national_police). Separator "
        "“,” or “;”.",
    },
    "offers_imported": {
        "fr": "{count} communes importées de {name} : elles remplacent la liste.",
        "en": "{count} communes imported from {name}: they replace the list.",
    },
}
