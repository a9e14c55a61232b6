"""User-facing messages of the core, in English and French.

Errors and notices carry a key and parameters; the UI shows them in the user's language, the CLI
in English. Keeping the catalogue here lets the core stay free of any UI code.
"""

from __future__ import annotations

Lang = str  # "fr" or "en"

MESSAGES: dict[str, dict[Lang, str]] = {
    "demo_missing": {
        "en": "The {area} demo data is missing: run `make setup` (it fetches and verifies it).",
        "fr": "Les données de démonstration {area} manquent : lancez `make setup` "
        "(il les récupère et les vérifie).",
    },
    "demo_bad_hash": {
        "en": "The downloaded Monaco extract has sha256 {actual}, expected {expected}: "
        "not installed.",
        "fr": "L'extrait de Monaco téléchargé a le sha256 {actual} au lieu de {expected} : "
        "il n'est pas installé.",
    },
    "unknown_area": {
        "en": "Unknown area {area!r}; available: {available}.",
        "fr": "Zone inconnue {area!r} ; disponibles : {available}.",
    },
    "input_file_missing": {
        "en": "No such file: {name}.",
        "fr": "Fichier introuvable : {name}.",
    },
    "input_file_special": {
        "en": "{name} is not a regular file (a device, a pipe or a link to one): refused.",
        "fr": "{name} n'est pas un fichier ordinaire (un périphérique, un tube ou un lien vers "
        "l'un d'eux) : refusé.",
    },
    "input_file_unreadable": {
        "en": "Cannot read {name}: {reason}.",
        "fr": "Impossible de lire {name} : {reason}.",
    },
    "perimeter_too_complex": {
        "en": "The outline crosses itself and has {points:,} points: Vigie repairs crossing "
        "outlines of up to {limit} points. Fix it first (QGIS: Fix geometries) or draw it.",
        "fr": "Le contour se recoupe et compte {points:,} points : Vigie ne répare que les "
        "contours de {limit} points au plus. Corrigez-le d'abord (QGIS : Réparer les "
        "géométries) ou dessinez-le.",
    },
    "no_such_file": {
        "en": "No such OSM file: {name}.",
        "fr": "Fichier OSM introuvable : {name}.",
    },
    "file_too_large": {
        "en": "This OSM file is larger than {limit_mb} MB: clip it to a commune or a bounding box "
        "(regional extract), or cut a smaller extract first.",
        "fr": "Ce fichier OSM dépasse {limit_mb} Mo : découpez-le sur une commune ou une emprise "
        "(extrait régional), ou préparez d'abord un extrait plus petit.",
    },
    "not_osm": {
        "en": "This file is not OpenStreetMap data (expected an .osm or .osm.pbf file).",
        "fr": "Ce fichier n'est pas une donnée OpenStreetMap (fichier .osm ou .osm.pbf attendu).",
    },
    "osm_unreadable": {
        "en": "This file is not readable OpenStreetMap data ({detail}).",
        "fr": "Ce fichier n'est pas une donnée OpenStreetMap lisible ({detail}).",
    },
    "osm_xml_doctype": {
        "en": "This OSM XML file declares a DOCTYPE: XML entities are not supported (they can "
        "swell a small file to gigabytes). Export it again without a DOCTYPE.",
        "fr": "Ce fichier OSM XML déclare un DOCTYPE : les entités XML ne sont pas acceptées "
        "(elles peuvent gonfler un petit fichier jusqu'à des gigaoctets). Exportez-le à nouveau "
        "sans DOCTYPE.",
    },
    "osm_xml_no_root": {
        "en": "This XML file is not OpenStreetMap data: no <osm> element starts it "
        "(within its first {limit_kb} KB).",
        "fr": "Ce fichier XML n'est pas une donnée OpenStreetMap : il ne commence par aucun "
        "élément <osm> (dans ses {limit_kb} premiers Ko).",
    },
    "osm_empty": {
        "en": "This OpenStreetMap file holds no data.",
        "fr": "Ce fichier OpenStreetMap est vide.",
    },
    "osm_no_streets": {
        "en": "This OpenStreetMap data holds no streets: nothing to plan on.",
        "fr": "Ces données OpenStreetMap ne contiennent aucune rue : rien à planifier.",
    },
    "osm_too_wide": {
        "en": "This OpenStreetMap data spans {span:.0f}° of longitude or latitude, more than the "
        "{limit:.0f}° a plan can cover: cut an extract around the event first.",
        "fr": "Ces données OpenStreetMap s'étendent sur {span:.0f}° de longitude ou de latitude, "
        "plus que les {limit:.0f}° qu'un plan peut couvrir : découpez d'abord un extrait autour "
        "de l'événement.",
    },
    "offline": {
        "en": "No network: the OpenStreetMap servers cannot be reached ({detail}). "
        "Use a demo area or load a local .osm/.osm.pbf file.",
        "fr": "Pas de réseau : les serveurs OpenStreetMap sont injoignables ({detail}). "
        "Utilisez une zone de démonstration ou chargez un fichier .osm/.osm.pbf local.",
    },
    "place_not_found": {
        "en": "No place named {place!r} was found on OpenStreetMap.",
        "fr": "Aucun lieu nommé {place!r} n'a été trouvé sur OpenStreetMap.",
    },
    "bad_bbox": {
        "en": "A bounding box is four numbers west,south,east,north in degrees (got {bbox!r}).",
        "fr": "Une emprise se donne par quatre nombres ouest,sud,est,nord en degrés "
        "(reçu {bbox!r}).",
    },
    "area_too_large": {
        "en": "The requested area is {km2:.0f} km²: more than the {limit_km2:.0f} km² allowed "
        "online. Use a local extract for a whole metropolis.",
        "fr": "La zone demandée fait {km2:.0f} km², plus que les {limit_km2:.0f} km² permis en "
        "ligne. Pour toute une métropole, utilisez un extrait local.",
    },
    # Regional extracts (planner.extracts): a large file clipped to a commune or a box.
    "clip_needs_one": {
        "en": "Clip a regional extract to a commune or to a bounding box: give one of them.",
        "fr": "Découpez un extrait régional sur une commune ou sur une emprise : donnez l'une "
        "des deux.",
    },
    "clip_needs_file": {
        "en": "--commune and --bbox clip a regional extract: give it with --osm-file.",
        "fr": "--commune et --bbox découpent un extrait régional : donnez-le avec --osm-file.",
    },
    "commune_unknown": {
        "en": "No commune named {name!r} in this file; close names: {close}.",
        "fr": "Aucune commune nommée {name!r} dans ce fichier ; noms proches : {close}.",
    },
    "commune_unknown_far": {
        "en": "No commune named {name!r} in this file ({count} communes, e.g. {examples}).",
        "fr": "Aucune commune nommée {name!r} dans ce fichier ({count} communes, par exemple "
        "{examples}).",
    },
    "commune_none_in_file": {
        "en": "This file holds no commune boundary (boundary=administrative, admin_level=8): "
        "clip it to a bounding box instead.",
        "fr": "Ce fichier ne contient aucune limite de commune (boundary=administrative, "
        "admin_level=8) : découpez-le plutôt sur une emprise.",
    },
    "commune_ambiguous": {
        "en": "{count} communes are named {name!r} in this file (INSEE {codes}): give the INSEE "
        "code instead.",
        "fr": "{count} communes s'appellent {name!r} dans ce fichier (INSEE {codes}) : donnez "
        "plutôt le code INSEE.",
    },
    "commune_incomplete": {
        "en": "The boundary of {name!r} is not complete in this file (cut at its edge): clip it "
        "to a bounding box instead.",
        "fr": "La limite de {name!r} n'est pas complète dans ce fichier (coupée à son bord) : "
        "découpez-le plutôt sur une emprise.",
    },
    "clip_outside": {
        "en": "The box {bbox} lies outside this file's data ({extent}).",
        "fr": "L'emprise {bbox} est en dehors des données de ce fichier ({extent}).",
    },
    "clip_too_large": {
        "en": "The clip covers {km2:.0f} km², more than the {limit_km2:.0f} km² an area may "
        "cover: choose a commune or a smaller box.",
        "fr": "Le découpage couvre {km2:.0f} km², plus que les {limit_km2:.0f} km² permis pour "
        "une zone : choisissez une commune ou une emprise plus petite.",
    },
    "clip_empty": {
        "en": "No street of this file lies in {what}: nothing to plan on.",
        "fr": "Aucune rue de ce fichier ne se trouve dans {what} : rien à planifier.",
    },
    "osmium_missing": {
        "en": "Clipping a regional extract needs osmium-tool (Debian package, installed by "
        "`make setup`), which this server lacks.",
        "fr": "Le découpage d'un extrait régional demande osmium-tool (paquet Debian, installé "
        "par `make setup`), absent de ce serveur.",
    },
    "geojson_invalid": {
        "en": "The perimeter is not valid GeoJSON ({detail}).",
        "fr": "Le périmètre n'est pas un GeoJSON valide ({detail}).",
    },
    "geojson_too_large": {
        "en": "This GeoJSON file is larger than {limit_mb} MB: simplify the zones first.",
        "fr": "Ce fichier GeoJSON dépasse {limit_mb} Mo : simplifiez d'abord les zones.",
    },
    "geojson_too_many_points": {
        "en": "The zones of this GeoJSON have more than {limit:,} points: simplify them first.",
        "fr": "Les zones de ce GeoJSON ont plus de {limit:,} points : simplifiez-les d'abord.",
    },
    "geojson_no_polygon": {
        "en": "The perimeter GeoJSON holds no polygon (found: {found}).",
        "fr": "Le GeoJSON du périmètre ne contient aucun polygone (trouvé : {found}).",
    },
    "geojson_not_wgs84": {
        "en": "The perimeter's coordinates are not longitude/latitude in degrees (WGS84).",
        "fr": "Les coordonnées du périmètre ne sont pas des longitudes/latitudes en degrés "
        "(WGS84).",
    },
    "perimeter_empty": {
        "en": "The perimeter polygon has no surface.",
        "fr": "Le polygone du périmètre n'a pas de surface.",
    },
    "perimeter_beyond_projection": {
        "en": "The perimeter spans {width}° of longitude by {height}° of latitude: far beyond "
        "{area}, outside what its map projection ({crs}) can draw. Draw it around the event.",
        "fr": "Le périmètre s'étend sur {width}° de longitude et {height}° de latitude : bien "
        "au-delà de {area}, hors de ce que sa projection ({crs}) peut tracer. Tracez-le autour "
        "de l'événement.",
    },
    "perimeter_outside": {
        "en": "The perimeter lies outside the loaded area ({area}): draw it on the area's streets.",
        "fr": "Le périmètre est en dehors de la zone chargée ({area}) : tracez-le sur ses rues.",
    },
    # Notices: the input was usable, but the user should know what was done with it.
    "perimeter_repaired": {
        "en": "The perimeter crossed itself: it was repaired (shapely make_valid) into "
        "{parts} polygon(s).",
        "fr": "Le périmètre se recoupait : il a été réparé (make_valid de shapely) en "
        "{parts} polygone(s).",
    },
    "perimeter_merged": {
        "en": "{count} polygons were found: the perimeter is their union.",
        "fr": "{count} polygones ont été trouvés : le périmètre est leur union.",
    },
    "perimeter_partly_outside": {
        "en": "{share:.0%} of the perimeter's outline lies outside the loaded area: "
        "checkpoints there are unknown.",
        "fr": "{share:.0%} du contour du périmètre sort de la zone chargée : les points de "
        "filtrage y sont inconnus.",
    },
    "route_station_off_graph": {
        "en": "Station outside the street graph (more than {limit} m from a drivable street): "
        "{station}.",
        "fr": "Centre hors du réseau de rues (à plus de {limit} m d'une voie carrossable) : "
        "{station}.",
    },
    "route_sector_unreachable": {
        "en": "Sector {sector}: no emergency vehicle can reach it under the closures.",
        "fr": "Secteur {sector} : aucun véhicule de secours ne peut l'atteindre avec les "
        "fermetures.",
    },
    "route_no_way_out": {
        "en": "Sector {sector}: no walkable way out.",
        "fr": "Secteur {sector} : aucune sortie à pied.",
    },
    "route_no_checkpoint": {
        "en": "No checkpoint: no approach route.",
        "fr": "Aucun point de filtrage : pas d'itinéraire d'approche.",
    },
    "route_stops_inside": {
        "en": "{count} transit stops lie inside the perimeter: close them or screen there.",
        "fr": "{count} arrêts de transport sont à l'intérieur du périmètre : fermez-les ou "
        "filtrez-y.",
    },
    "route_no_station_in_area": {
        "en": "The loaded area's data hold no {kinds}: routes from them cannot be computed "
        "(a clipped extract?).",
        "fr": "Les données de la zone chargée ne contiennent aucun(e) {kinds} : leurs "
        "itinéraires ne peuvent pas être calculés (extrait découpé ?).",
    },
    "route_e2_entered": {
        "en": "E2 from the response time entered for the SDIS: {minutes} min (as entered).",
        "fr": "E2 d'après le délai d'intervention saisi pour le SDIS : {minutes} min (tel que "
        "saisi).",
    },
    "route_e2_needs_entry": {
        "en": "No fire station in the area's data: enter the SDIS's known response time "
        "(staffing settings), else E2 is taken at its worst value (0.40).",
        "fr": "Aucun centre de secours dans les données de la zone : saisissez le délai "
        "d'intervention connu du SDIS (réglages), sinon E2 prend sa pire valeur (0,40).",
    },
    "arrivals_no_source": {
        "en": "No transit stop, home or car park around the perimeter in the data: the public "
        "is taken to come evenly to every access.",
        "fr": "Aucun arrêt, logement ou parking autour du périmètre dans les données : le public "
        "est supposé arriver également à chaque accès.",
    },
    "access_override_dropped": {
        "en": "A role set for the access crossing way(s) {ways} was dropped: the perimeter no "
        "longer crosses them.",
        "fr": "Le rôle choisi pour l'accès traversant la ou les voies {ways} est abandonné : le "
        "périmètre ne les traverse plus.",
    },
    "access_no_filtering_point": {
        "en": "No filtering point is left: the roles set close every access the public could "
        "enter by. Open one (role filtering); the rest of the plan is still computed.",
        "fr": "Aucun point de filtrage ne reste : les rôles choisis ferment tous les accès par "
        "où le public pourrait entrer. Ouvrez-en un (rôle filtrage) ; le reste du plan est "
        "calculé.",
    },
    "access_none_wide_enough": {
        "en": "No crossing of the perimeter is wide enough for one screening lane (widest "
        "{widest} m, {needed} m needed): move the perimeter onto a wider street or set a "
        "filtering point by hand.",
        "fr": "Aucun accès du périmètre n'est assez large pour une file de filtrage (le plus "
        "large {widest} m, {needed} m nécessaires) : déplacez le périmètre sur une rue plus "
        "large ou choisissez un point de filtrage à la main.",
    },
    "access_arrivals_do_not_fit": {
        "en": "The arrivals ({peak} persons/min at the peak) cannot enter within the wait "
        "target ({target} min): every crossing's lanes together take about {capacity}/min. "
        "Spread the arrivals (a longer window), add lanes elsewhere or screen faster.",
        "fr": "Les arrivées ({peak} personnes/min au pic) ne peuvent entrer dans l'attente "
        "visée ({target} min) : toutes les files possibles prennent environ {capacity}/min. "
        "Étalez les arrivées, ajoutez des files ailleurs ou filtrez plus vite.",
    },
    "access_no_step_free": {
        "en": "No filtering point is step-free: the plan has no accessible entrance.",
        "fr": "Aucun point de filtrage n'est de plain-pied : le plan n'a pas d'entrée accessible.",
    },
    "access_lanes_over_frontage": {
        "en": "{access}: {lanes} lanes are needed but only {fit} fit its {frontage} m frontage.",
        "fr": "{access} : {lanes} files sont nécessaires mais seules {fit} tiennent sur ses "
        "{frontage} m de façade.",
    },
    "access_queue_unbounded": {
        "en": "{access}: its lanes cannot keep up with its arrivals: the queue grows without "
        "end and fills the street outside.",
        "fr": "{access} : ses files ne suivent pas ses arrivées : l'attente s'allonge sans fin "
        "et remplit la rue devant.",
    },
    "access_queue_spills": {
        "en": "{access}: its queue ({queue} m² at the 95th percentile) does not fit the street "
        "outside ({room} m²): it spills into traffic.",
        "fr": "{access} : sa file d'attente ({queue} m² au 95e centile) ne tient pas sur la rue "
        "devant ({room} m²) : elle déborde sur la circulation.",
    },
    "staffing_through_neighbour": {
        "en": "Sector {sector} has no exit to a safe place: it evacuates through sector "
        "{neighbour}.",
        "fr": "Le secteur {sector} n'a pas de sortie vers un lieu sûr : il évacue par le "
        "secteur {neighbour}.",
    },
    "area_clipped": {
        "en": "{count} streets are cut at the edge of this extract: routes near the edge may "
        "be incomplete.",
        "fr": "{count} rues sont coupées au bord de cet extrait : les itinéraires près du bord "
        "peuvent être incomplets.",
    },
    # --- hazards (planner.hazards) ---
    "hazard_unknown_kind": {
        "en": "The hazard {hazard} is of an unknown kind {kind!r}; known kinds: {allowed}.",
        "fr": "Le danger {hazard} est d'un type inconnu {kind!r} ; types connus : {allowed}.",
    },
    "hazard_outside": {
        "en": "The hazard {hazard} lies outside the loaded area ({area}): place it on the "
        "area's streets.",
        "fr": "Le danger {hazard} est en dehors de la zone chargée ({area}) : placez-le sur ses "
        "rues.",
    },
    "hazard_missing_parameter": {
        "en": "The hazard {hazard} needs the parameter {name}.",
        "fr": "Le danger {hazard} a besoin du paramètre {name}.",
    },
    "hazard_plume_parameter": {
        "en": "The hazard {hazard} has a release rate: its plume also needs {name}.",
        "fr": "Le danger {hazard} a un débit de fuite : son panache a aussi besoin de {name}.",
    },
    "hazard_not_number": {
        "en": "The hazard {hazard}: {name} must be a number (got {value!r}).",
        "fr": "Danger {hazard} : {name} doit être un nombre (reçu {value!r}).",
    },
    "hazard_not_positive": {
        "en": "The hazard {hazard}: {name} must be above 0 (got {value}).",
        "fr": "Danger {hazard} : {name} doit être supérieur à 0 (reçu {value}).",
    },
    "hazard_negative": {
        "en": "The hazard {hazard}: {name} cannot be negative (got {value}).",
        "fr": "Danger {hazard} : {name} ne peut pas être négatif (reçu {value}).",
    },
    "hazard_bad_wind_direction": {
        "en": "The hazard {hazard}: wind_from_deg is the direction the wind comes from, "
        "0 to 360 degrees (got {value}).",
        "fr": "Danger {hazard} : wind_from_deg est la direction d'où vient le vent, "
        "de 0 à 360 degrés (reçu {value}).",
    },
    "hazard_bad_choice": {
        "en": "The hazard {hazard}: {name} must be one of {allowed} (got {value!r}).",
        "fr": "Danger {hazard} : {name} doit valoir {allowed} (reçu {value!r}).",
    },
    "hazard_no_wind": {
        "en": "The hazard {hazard}: wind speed must be above 0 m/s: the Gaussian plume needs "
        "wind; in calm air use the isolation circle.",
        "fr": "Danger {hazard} : la vitesse du vent doit dépasser 0 m/s : le panache gaussien "
        "a besoin de vent ; par vent calme, utilisez le cercle d'isolement.",
    },
    # --- sectors (planner.sectors) ---
    "sector_empty": {
        "en": "Sector {sector} has no surface: redraw it.",
        "fr": "Le secteur {sector} n'a pas de surface : redessinez-le.",
    },
    "sector_invalid": {
        "en": "Sector {sector} is not a valid polygon ({reason}): redraw it without crossing "
        "its own outline.",
        "fr": "Le secteur {sector} n'est pas un polygone valide ({reason}) : redessinez-le sans "
        "recouper son propre contour.",
    },
    "sector_outside": {
        "en": "Sector {sector} extends {outside_m2:.0f} m² outside the perimeter: "
        "redraw it inside.",
        "fr": "Le secteur {sector} déborde du périmètre de {outside_m2:.0f} m² : "
        "redessinez-le à l'intérieur.",
    },
    "sector_overlap": {
        "en": "Sectors {first} and {second} overlap over {overlap_m2:.0f} m²: "
        "a place belongs to one sector.",
        "fr": "Les secteurs {first} et {second} se chevauchent sur {overlap_m2:.0f} m² : "
        "un lieu n'appartient qu'à un seul secteur.",
    },
    "sector_count": {
        "en": "A perimeter is split into 1 to {limit} sectors (asked for {count}).",
        "fr": "Un périmètre se découpe en 1 à {limit} secteurs ({count} demandés).",
    },
    "sector_too_many": {
        "en": "Too few street junctions inside the perimeter ({nodes}) for {count} sectors: "
        "draw a larger perimeter or ask for fewer sectors.",
        "fr": "Trop peu de carrefours de rues dans le périmètre ({nodes}) pour {count} "
        "secteurs : dessinez un périmètre plus grand ou demandez moins de secteurs.",
    },
    "sector_no_streets": {
        "en": "No walkable street lies inside the perimeter: it cannot be split into sectors "
        "along the streets.",
        "fr": "Aucune rue praticable à pied n'est dans le périmètre : impossible de le découper "
        "en secteurs le long des rues.",
    },
    # --- surface and exits (planner.surface) ---
    # Where a usable surface or an exit width comes from (say which estimate was used).
    "surface_source_open_space": {
        "en": "open space (pedestrian area or square)",
        "fr": "espace ouvert (aire piétonne ou place)",
    },
    "surface_source_width_tag": {
        "en": "OSM width tag",
        "fr": "largeur renseignée dans OSM (width)",
    },
    "surface_source_lanes": {
        "en": "estimated from the number of lanes, plus sidewalks",
        "fr": "estimée d'après le nombre de voies, trottoirs compris",
    },
    "surface_source_class_default": {
        "en": "default width of the street class",
        "fr": "largeur par défaut de la catégorie de voie",
    },
    # --- staffing (planner.staffing, planner.dps, planner.pooling) ---
    "dps_negative_public": {
        "en": "The public cannot be negative ({public}).",
        "fr": "Le public ne peut pas être négatif ({public}).",
    },
    "dps_bad_indicator": {
        "en": "{name} must be one of {allowed} (got {value}).",
        "fr": "{name} doit valoir {allowed} (reçu {value}).",
    },
    "staffing_no_perimeter": {
        "en": "No perimeter: draw the security perimeter before planning sectors and staff.",
        "fr": "Aucun périmètre : tracez le périmètre de sécurité avant de planifier secteurs et "
        "effectifs.",
    },
    "staffing_no_attendance": {
        "en": "The expected attendance is 0: enter the peak attendance of the event to compute "
        "capacity and staffing.",
        "fr": "La fréquentation attendue est de 0 : saisissez le public maximal de l'événement "
        "pour calculer la capacité et les effectifs.",
    },
    "staffing_over_capacity": {
        "en": "Expected public {public:,} exceeds the sectors' capacity {capacity:,}: enlarge the "
        "perimeter, add exits or limit admissions.",
        "fr": "Le public attendu ({public:,}) dépasse la capacité des secteurs ({capacity:,}) : "
        "agrandissez le périmètre, ajoutez des sorties ou limitez les entrées.",
    },
    "staffing_single_exit": {
        "en": "Sector {sector} has {exits} exit(s): if it is blocked, nobody can leave. "
        "Its exit capacity counts it anyway.",
        "fr": "Le secteur {sector} n'a que {exits} sortie(s) : si elle est bloquée, personne "
        "ne peut sortir. Sa capacité d'évacuation la compte malgré tout.",
    },
    # --- exports (layers.export_files) ---
    "export_format": {
        "en": "Unknown export format {fmt!r}; available: {formats}.",
        "fr": "Format d'export inconnu {fmt!r} ; disponibles : {formats}.",
    },
    "export_no_dir": {
        "en": "Cannot write the export: the folder {path} does not exist.",
        "fr": "Impossible d'écrire l'export : le dossier {path} n'existe pas.",
    },
    # --- replay (planner.replay) ---
    "replay_bad_time": {
        "en": "{text!r} is not an exercise time: give minutes and seconds as MM:SS (e.g. 20:00).",
        "fr": "{text!r} n'est pas une heure d'exercice : donnez minutes et secondes en MM:SS "
        "(ex. 20:00).",
    },
    "replay_too_late": {
        "en": "{at} is more than {limit} days after the exercise start: an exercise time is "
        "at most {limit} days (MM:SS from the start).",
        "fr": "{at} est à plus de {limit} jours du début de l'exercice : une heure d'exercice "
        "est au plus à {limit} jours (MM:SS depuis le début).",
    },
    "replay_bad_parameter": {
        "en": "The inject at {at} ({action}) has parameter {name}={value!r}: expected a number "
        "of metres within ±{limit} (parameters: {known}).",
        "fr": "L'inject de {at} ({action}) a le paramètre {name}={value!r} : attendu un nombre "
        "de mètres entre -{limit} et {limit} (paramètres : {known}).",
    },
    "replay_unknown_street": {
        "en": "The inject at {at} ({action}) names the street {target!r}, which {area} does not "
        "have: give a street name as the map shows it.",
        "fr": "L'inject de {at} ({action}) vise la rue {target!r}, absente de {area} : donnez le "
        "nom de la rue tel que la carte l'affiche.",
    },
    "replay_unknown_target": {
        "en": "The inject at {at} ({action}) names {target!r}, which the plan does not have "
        "(known: {known}).",
        "fr": "L'inject de {at} ({action}) vise {target!r}, que le plan ne contient pas "
        "(connus : {known}).",
    },
}


def register(messages: dict[str, dict[Lang, str]]) -> None:
    """Add another package's messages (scenarios/ registers its own) to the catalogue."""
    clash = set(messages) & set(MESSAGES)
    if clash:
        raise ValueError(f"message keys already used: {sorted(clash)}")
    MESSAGES.update(messages)


def text(key: str, lang: Lang = "en", **params: object) -> str:
    """The message ``key`` in ``lang`` (English if missing), formatted with ``params``."""
    templates = MESSAGES[key]
    return templates.get(lang, templates["en"]).format(**params)
