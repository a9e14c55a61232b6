"""Doctrine and planning numbers, each with its source (see ../shared/DOMAIN.md).

[v] read in a source; [r] widely cited, not checked against the primary text: kept editable and
said so in the UI. Every number the planner uses for speeds and times lives here.
"""

from __future__ import annotations

#: Default speed (km/h) by OSM highway class when a way has no ``maxspeed`` tag. French general
#: limits: 50 km/h in built-up areas (Code de la route R413-3), 80 km/h on two-way roads outside
#: (R413-2), 110/130 km/h on expressways/motorways (R413-2); 20 km/h in a "zone de rencontre"
#: (living street, R110-2); 30 km/h for residential streets and service roads, the usual urban
#: "zone 30" value [r]. An emergency vehicle is assumed to drive at the limit (a planning value,
#: conservative: it may legally exceed it).
DEFAULT_SPEED_KMH: dict[str, float] = {
    "motorway": 110,
    "motorway_link": 70,
    "trunk": 90,
    "trunk_link": 50,
    "primary": 50,
    "primary_link": 50,
    "secondary": 50,
    "secondary_link": 50,
    "tertiary": 50,
    "tertiary_link": 50,
    "unclassified": 50,
    "road": 50,
    "busway": 50,
    "residential": 30,
    "service": 20,
    "track": 20,
    "living_street": 20,
}
FALLBACK_SPEED_KMH = 30.0

#: French implicit limits written as maxspeed values (OSM "FR:urban" etc.).
MAXSPEED_ZONES_KMH: dict[str, float] = {
    "FR:urban": 50,
    "FR:rural": 80,
    "FR:motorway": 130,
    "FR:zone30": 30,
    "FR:walk": 6,
    "urban": 50,
    "rural": 80,
    "walk": 6,
    "living_street": 20,
}

#: Walking speed for evacuation and approach (m/s): 1.2 m/s is the common planning value for a
#: mixed, unhurried crowd (free walking is about 1.3–1.4 m/s; dense crowds slower) [r].
WALKING_SPEED_M_S = 1.2

#: Isochrone thresholds from the fire stations, minutes.
ISOCHRONE_MINUTES: tuple[int, ...] = (5, 10, 15)

#: E2 indicator of the DPS rule from the public emergency response time (minutes) [v]:
#: 0.25 if ≤ 10 min, 0.30 if ≤ 20, 0.35 if ≤ 30, 0.40 beyond.
E2_BY_RESPONSE_MINUTES: tuple[tuple[float, float], ...] = ((10, 0.25), (20, 0.30), (30, 0.35))
E2_BEYOND = 0.40


def e2_indicator(response_minutes: float | None) -> float:
    """The DPS E2 indicator for a response time (None: unreachable, the worst value)."""
    if response_minutes is None:
        return E2_BEYOND
    for limit, value in E2_BY_RESPONSE_MINUTES:
        if response_minutes <= limit:
            return value
    return E2_BEYOND


# --- First-aid staffing: the French DPS rule ------------------------------------------------
# Référentiel national des dispositifs prévisionnels de secours (arrêté du 7 novembre 2006,
# NOR INTE0600910A). See planner.dps for the rule itself.

#: Public counted in full up to this many people; beyond, half of the rest is counted [v: several
#: independent public calculators and a certified tool's documentation, not the référentiel].
DPS_PUBLIC_FULL = 100_000

#: P2, the public's activity, by the scenario's public type [v: référentiel grid as reproduced by
#: eBrigade]: seated 0.25; standing 0.30; standing at a static show 0.35; dynamic public 0.40.
DPS_P2_BY_PUBLIC: dict[str, float] = {
    "seated": 0.25,
    "standing": 0.30,
    "static_show": 0.35,
    "dynamic": 0.40,
}
#: The four values an indicator (P2, E1, E2) may take [v].
DPS_INDICATOR_VALUES: tuple[float, ...] = (0.25, 0.30, 0.35, 0.40)
#: E1 default: permanent structures, streets with clear access [v].
DPS_E1_DEFAULT = 0.25

#: Categories by RIS, upper bounds inclusive [v]: ≤ 0.25 none; ≤ 1.125 PAPS; ≤ 12 small (DPS-PE);
#: ≤ 36 medium (DPS-ME); beyond, large (DPS-GE).
DPS_CATEGORY_BOUNDS: tuple[tuple[float, str], ...] = (
    (0.25, "none"),
    (1.125, "PAPS"),
    (12.0, "DPS-PE"),
    (36.0, "DPS-ME"),
)
DPS_CATEGORY_BEYOND = "DPS-GE"
#: A PAPS is 2 first-aiders; a DPS has at least 4 (the minimum team); above 4, first-aiders are
#: rounded up to an even number (binomials) [medium confidence: the rule of two public
#: implementations, not read in the référentiel].
DPS_PAPS_FIRST_AIDERS = 2
DPS_MIN_TEAM = 4
#: One first-aid post per 12 first-aiders (rounded up) [same medium confidence].
DPS_FIRST_AIDERS_PER_POST = 12

# --- Screening at checkpoints (points de filtrage) -------------------------------------------

#: Persons per minute through one screening lane, by mode [v: industry rates; editable]: about
#: 10/min hand search without bags, 7 mixed, 4 with bags; hand wands remove about 2/min, bag
#: scanners about 3/min (from the mixed rate); a walk-through metal detector about 400/h.
#: "visual" (bags opened and looked at, no pat-down) has no published rate: 12/min is a planning
#: assumption [r].
LANE_RATE_P_MIN: dict[str, float] = {
    "visual": 12.0,
    "hand_search_no_bags": 10.0,
    "hand_search_mixed": 7.0,
    "hand_search_bags": 4.0,
    "hand_search_wand": 5.0,
    "bag_scanner": 4.0,
    "metal_detector": 400 / 60,
}
#: Agents per lane. A pat-down ("palpation de sécurité") is made by an agent of the same sex as
#: the person (Code de la sécurité intérieure, art. L613-2) [v]: a hand-search lane needs a man
#: and a woman. A visual-only lane needs one agent [planning assumption].
AGENTS_PER_LANE: dict[str, int] = {mode: 2 for mode in LANE_RATE_P_MIN} | {"visual": 1}
#: Service target: 95 % of people wait less than 10 minutes [planning target, editable].
WAIT_TARGET_MIN = 10.0
WAIT_TARGET_SHARE = 0.95
#: The arrival profile's time step: the "busiest 15 minutes" of DOMAIN.md [v].
ARRIVAL_SLOT_MIN = 15
#: Arrivals are spread over this window before the event starts [planning assumption].
ARRIVAL_WINDOW_MIN = 120

# --- Crowd density and flow -----------------------------------------------------------------

#: Planning density of a standing crowd, persons/m²: 0.5 m² per person (UK HSG195) [v].
PLANNING_DENSITY_P_M2 = 2.0
#: Densities at which to intervene (4) and that are dangerous (5), persons/m² (G. K. Still) [v].
DENSITY_INTERVENE_P_M2 = 4.0
DENSITY_DANGEROUS_P_M2 = 5.0
#: Exit flow, persons per metre of width per minute (Green Guide): 82 on the level, 66 on
#: stairs [v].
EXIT_FLOW_LEVEL_P_M_MIN = 82.0
EXIT_FLOW_STAIRS_P_M_MIN = 66.0
#: Time in which a sector must empty: the Green Guide's normal maximum egress time, 8 min
#: (SGSA, §13.4a) [v]. Open-air event guidance allows 5 (high risk) to 10 minutes (low risk) [v].
EXIT_TIME_MIN = 8.0

# --- Stewards and police --------------------------------------------------------------------

#: Public per crowd steward: 1 steward per 250 people is the ratio widely cited for a low-risk
#: event (UK Purple Guide practice) [r: not read in the primary text; editable].
PUBLIC_PER_STEWARD = 250
#: Police officers holding a vehicle checkpoint (barrier, turning traffic away) [planning
#: assumption: one officer each side of the barrier; editable].
POLICE_PER_VEHICLE_CHECKPOINT = 2

# --- Street widths (planner.surface) --------------------------------------------------------
# When a way has no usable ``width`` tag its full width (carriageway and sidewalks, wall to wall)
# is estimated, and the estimate used is reported ("lanes" or "class_default").

#: Width of one traffic lane, metres: DOMAIN.md's "≈ 3 m per lane" [v, approximate: urban lanes
#: are commonly 2.75–3.5 m wide].
LANE_WIDTH_M = 3.0
#: Width of one sidewalk, metres; a drivable street is counted with two [planning assumption, r:
#: French accessibility rules ask for 1.40 m of free sidewalk, many are wider].
SIDEWALK_WIDTH_M = 1.5
#: Full width (carriageway + both sidewalks for drivable classes), metres, by highway class, when
#: neither ``width`` nor ``lanes`` is tagged [r: planning assumptions for a European city centre,
#: not from a source; editable].
STREET_WIDTH_BY_CLASS_M: dict[str, float] = {
    "motorway": 25.0,
    "trunk": 20.0,
    "primary": 14.0,
    "secondary": 12.0,
    "tertiary": 10.0,
    "motorway_link": 7.0,
    "trunk_link": 7.0,
    "primary_link": 7.0,
    "secondary_link": 7.0,
    "tertiary_link": 7.0,
    "unclassified": 8.0,
    "residential": 8.0,
    "living_street": 6.0,
    "busway": 7.0,
    "road": 8.0,
    "service": 5.0,
    "track": 3.0,
    "pedestrian": 8.0,
    "footway": 2.5,
    "steps": 3.0,
    "path": 2.0,
    "cycleway": 2.0,
    "bridleway": 2.0,
    "corridor": 2.5,
    "elevator": 1.5,
}
#: Full width of a way of any other class, metres [r: planning assumption].
FALLBACK_STREET_WIDTH_M = 4.0

# --- Sources of the staffing parameters, for the app's "assumptions and sources" panel --------

#: Parameter of planner.staffing.StaffingParameters → (citation, checked in the source [v]).
STAFFING_SOURCES: dict[str, tuple[str, bool]] = {
    "density_p_m2": ("UK HSE HSG195 (0.5 m² per person); G. K. Still: act at 4–5/m²", True),
    "flow_level_p_m_min": ("Green Guide (Guide to Safety at Sports Grounds): 82/m/min", True),
    "flow_stairs_p_m_min": ("Green Guide: 66/m/min on stairs", True),
    "exit_time_min": ("Green Guide §13.4a via SGSA: normal maximum egress 8 min", True),
    "lane_rate_p_min": ("Industry rates: 10/min no bags, 7 mixed, 4 bags; 400/h per WTMD", True),
    "agents_per_lane": ("Code de la sécurité intérieure L613-2: same-sex pat-down", True),
    "wait_target_min": ("Planning target (no official figure)", False),
    "wait_target_share": ("Planning target (no official figure)", False),
    "arrival_window_min": ("Planning assumption; peak quarter-hour from the event", False),
    "public_per_steward": ("1 steward per 250 (UK Purple Guide practice, low risk)", False),
    "police_per_vehicle_checkpoint": ("Planning assumption: one officer each side", False),
    "police_role": ("Planning choice", False),
    "p2": ("Référentiel national DPS, arrêté du 7 novembre 2006 (grid via eBrigade)", True),
    "e1": ("Référentiel national DPS, arrêté du 7 novembre 2006 (grid via eBrigade)", True),
    "e2": ("Référentiel national DPS; computed from the fastest fire-station route", True),
    "e2_alert_min": ("SDIS plans / national statistics 2022: 2 min 28 s alert handling", False),
    "e2_mobilisation_min": ("SDIS plans: crew mobilisation 1–5 min", False),
    "e2_response_min": ("Entered by the planner: the SDIS's known response time", False),
    "lane_frontage_m": ("Planning assumption: 1.5–2 m of frontage per lane", False),
    "steward_space_m": ("Planning assumption: one shoulder width (Fruin, 0.6 m)", False),
    "walk_limit_m": ("Planning assumption: longest walk round to a filtering point", False),
    "queue_m2_per_person": ("Fruin queuing level B/C bound (HCM): 0.9 m² per person", True),
    "barrier_unit_m": ("Vauban units 2.0–2.5 m (manufacturers); the shortest", True),
    "supervisors_per_filtering_point": ("Planning assumption", False),
    "agents_per_emergency_access": ("Planning assumption", False),
    "closed_access_rule": ("Planning choice: unstaffed, or patrols along the perimeter", False),
    "fence": ("Planning choice: a fence between the accesses (Vauban or Heras)", False),
}

# --- Hazards: gas leak and security perimeter (planner.hazards, planner.plume) --------------

#: Isolation radius of a gas leak, metres, by basis. "pgr_street_main": the French reinforced gas
#: procedure (Procédure Gaz Renforcée, GRDF + fire services, operational note of 8 April 2010)
#: fixes no distance; 50 m for a leak on a street main is commonly cited [r]. "erg_115": US DOT
#: Emergency Response Guidebook, guide 115 (flammable gases, UN1971 natural gas): isolate at least
#: 100 m in all directions [v]; the guidebook's distances assume open areas.
GAS_ISOLATION_M: dict[str, float] = {"pgr_street_main": 50.0, "erg_115": 100.0}
GAS_ISOLATION_DEFAULT_BASIS = "pgr_street_main"

#: Pipeline potential impact radius (ASME B31.8S §3.2, GRI-00/0189; 49 CFR 192.903) [v]:
#: r = 0.69 · d · √p with r in feet, d the outside diameter in inches, p the maximum allowable
#: operating pressure in psig (gauge); 0.69 is the factor for natural gas.
PIR_FACTOR_FT_IN_PSIG = 0.69
FOOT_M = 0.3048
INCH_MM = 25.4
PSI_PER_BAR = 14.503774
#: The same in metres, millimetres and bar gauge: 0.69 · 0.3048 / 25.4 · √14.503774 ≈ 0.03153
#: (DOMAIN.md rounds it to 0.0315).
PIR_FACTOR_M_MM_BAR = PIR_FACTOR_FT_IN_PSIG * FOOT_M / INCH_MM * PSI_PER_BAR**0.5

#: Methane's lower explosive limit: 5 % by volume [v], i.e. 0.05 × 16.04 g/mol / 24.06 L/mol
#: (ideal gas, 20 °C, 1 atm) ≈ 33 g/m³ [v: DOMAIN.md].
METHANE_LEL_KG_M3 = 0.033
#: Flammable zones drawn at 10 % and 60 % of the LEL, as ALOHA does [r].
LEL_FRACTIONS: dict[str, float] = {"lel_10": 0.10, "lel_60": 0.60}
PLUME_THRESHOLDS_KG_M3: dict[str, float] = {
    name: share * METHANE_LEL_KG_M3 for name, share in LEL_FRACTIONS.items()
}

#: Briggs' urban dispersion curves (McElroy–Pooler St Louis data; Gifford 1976, reproduced in
#: Boubel et al., Fundamentals of Air Pollution, table 19-6; Hanna, Briggs & Hosker 1982) [v]:
#: σ = a · x · (1 + b · x)^e, x in metres, for σy and σz, by Pasquill stability class.
#: Tabulated for 100 m–10 km; used below 100 m as a screening extrapolation.
BRIGGS_URBAN: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "A": ((0.32, 0.0004, -0.5), (0.24, 0.001, 0.5)),
    "B": ((0.32, 0.0004, -0.5), (0.24, 0.001, 0.5)),
    "C": ((0.22, 0.0004, -0.5), (0.20, 0.0, 0.0)),
    "D": ((0.16, 0.0004, -0.5), (0.14, 0.0003, -0.5)),
    "E": ((0.11, 0.0004, -0.5), (0.08, 0.0015, -0.5)),
    "F": ((0.11, 0.0004, -0.5), (0.08, 0.0015, -0.5)),
}
#: The plume zone is searched from 1 m to 10 km downwind (the curves' upper range) [planning
#: choice], on this many geometric samples before the ends are solved exactly.
PLUME_MIN_DISTANCE_M = 1.0
PLUME_MAX_DISTANCE_M = 10_000.0
PLUME_SAMPLES = 400

#: A security perimeter's point within this distance of an OSM building is about that building
#: (the marker is dropped by hand) [planning choice].
BUILDING_SNAP_M = 10.0
#: A checkpoint this close to a zone counts as in it [planning choice].
CHECKPOINT_IN_ZONE_M = 5.0
#: Storeys of a building without a ``building:levels`` tag: 3, a planning assumption for a
#: European town centre [r].
DEFAULT_BUILDING_LEVELS = 3.0
#: Floor area per occupant, m²: the average living space per person in France, about 40 m²
#: (INSEE, enquête Logement) [r]; applied to every building's floors (offices and shops alike).
FLOOR_M2_PER_PERSON = 40.0

# --- Video protection (planner.cameras, planner.coverage) -----------------------------------
# IEC/EN 62676-4 expresses what an operator can do with an image as a pixel density on the
# target (DORI). A level's range follows from the camera's horizontal resolution and its
# horizontal field of view: range = pixels / (density × 2 × tan(fov / 2)) (see DOMAIN.md).

#: Pixels per metre on the target for each DORI level [r: EN 62676-4 as widely quoted; the
#: standard itself was not read]: detection 25, observation 62.5, recognition 125,
#: identification 250.
DORI_PX_PER_M: dict[str, float] = {
    "detection": 25.0,
    "observation": 62.5,
    "recognition": 125.0,
    "identification": 250.0,
}
#: The DORI levels from the coarsest (longest range) to the finest.
DORI_LEVELS: tuple[str, ...] = tuple(DORI_PX_PER_M)
#: Level a target must be seen at to count as covered: observation (what a person or a crowd
#: does, their clothing) [planning choice, editable].
COVERAGE_LEVEL = "observation"

#: Horizontal resolution of a camera that does not say: 1920 px, full HD, the "high definition"
#: the metropolitan programme buys [planning assumption].
DEFAULT_RESOLUTION_PX = 1920
#: Horizontal field of view by camera type when no lens is given, degrees [r: typical of
#: the 2.8–4 mm lenses on 1/2.8"–1/3" sensors of fixed and dome cameras; a panning (PTZ) camera
#: counted at a middle zoom]. A fixed camera looks one way; a dome or a panning camera with no
#: tagged direction is counted all round (it can be turned, see planner.cameras).
DEFAULT_FOV_DEG: dict[str, float] = {"fixed": 90.0, "dome": 90.0, "panning": 60.0}
#: Camera types that are counted all round (360°) when no direction is tagged [issue 19].
ALL_ROUND_TYPES = frozenset({"dome", "panning"})
#: Mounting height (metres above the ground) by ``camera:mount`` when ``height`` is not tagged
#: [planning assumption: a wall camera above a shop front, a pole or a street lamp head].
DEFAULT_HEIGHT_BY_MOUNT_M: dict[str, float] = {
    "wall": 3.0,
    "ceiling": 3.0,
    "pole": 5.0,
    "street_lamp": 6.0,
}
DEFAULT_HEIGHT_M = 4.0
#: Height of what a camera looks at on a person (a face, a chest), metres: the slant distance
#: from the camera to it sets the pixel density [planning assumption].
TARGET_HEIGHT_M = 1.6
#: Image aspect ratio (width / height) for the vertical field of view that a tilt works with:
#: 16:9 [planning assumption, the full-HD frame].
IMAGE_ASPECT = 16 / 9
#: Share of a range kept at night on a lit street when no infrared range is given [r: planning
#: assumption; makers quote day ranges; editable for evening events].
NIGHT_RANGE_FACTOR = 0.5
#: A camera mapped inside a building footprint within this distance of its wall is taken as
#: mounted on that wall (a mapping offset) [planning choice]; deeper inside, it sees nothing.
WALL_SNAP_M = 2.0
#: Angular step of the rays that trace a view through the building footprints, degrees: at 40 m
#: a 1° step leaves about 0.7 m between rays [planning choice].
RAY_STEP_DEG = 1.0
#: Blind spots smaller than this (m²) are dropped (slivers between two views) [planning choice].
BLIND_SPOT_MIN_M2 = 5.0
#: Spacing of the points that sample the crowd surface and the queues for proposals, metres.
COVERAGE_SAMPLE_M = 3.0
#: Weights of what a proposed camera adds [planning choice, editable]: a checkpoint newly
#: covered, one square metre of queue, one square metre of crowd surface.
PROPOSAL_WEIGHTS: dict[str, float] = {"checkpoint": 200.0, "queue": 2.0, "crowd": 1.0}
#: Directions tried at each candidate mount for a fixed mobile camera, degrees [planning choice].
PROPOSAL_DIRECTIONS_DEG: tuple[float, ...] = tuple(float(d) for d in range(0, 360, 30))
#: Candidate mounts closer than this to one another are merged (one per cell), metres.
CANDIDATE_SPACING_M = 8.0
# --- Access control: roles, frontage, queues, material (planner.access_roles) ---------------
# Interior Ministry, "Guide des bonnes pratiques de sécurisation d'un événement de voie
# publique" (Oct. 2018), ch. 3; Préfecture de police, "fiche mesures de sûreté" [v]: the
# perimeter is closed by barriers, a few filtering points are sized for the flow, an obstacle
# against ram vehicles stands at every road access.

#: Frontage one hand-search lane needs across the street (table or barrier gap plus the agent):
#: DOMAIN.md's 1.5–2 m, the upper value [planning assumption, editable].
FILTER_LANE_FRONTAGE_M = 1.8
#: Frontage kept beside the lanes for the supervisor and people turned away (one person's
#: shoulder width, Fruin's body ellipse 0.6 m) [r: planning assumption, editable].
FILTER_STEWARD_SPACE_M = 0.6
#: Supervisor per filtering point (chef de poste) [planning assumption, editable].
SUPERVISORS_PER_FILTERING_POINT = 1
#: Agents who open an emergency access on demand (moving the obstacle, holding the public)
#: [planning assumption, editable].
AGENTS_PER_EMERGENCY_ACCESS = 2
#: Closed accesses: "unstaffed" or "patrol" (agents walking the perimeter) [planning choice].
CLOSED_ACCESS_RULE = "patrol"
#: A patrol of two agents per this length of perimeter outline, metres [planning assumption].
PATROL_BEAT_M = 500.0
PATROL_AGENTS = 2
#: Longest walk (metres, on the walking network outside the perimeter) from any access to the
#: nearest filtering point: a spectator who meets a closed access walks round at most this far
#: [planning assumption, editable: about 4 minutes at the walking speed].
WALK_LIMIT_M = 300.0
#: Space per person in a queue: 0.9 m², the bound of Fruin's queuing levels B/C (HCM wording:
#: C is 0.6–0.9 m²) [v].
QUEUE_SPACE_M2_PER_PERSON = 0.9
#: The queue waits on the street outside the access, within this reach of it (metres)
#: [planning assumption: the usual block length before the next junction].
QUEUE_REACH_M = 60.0
#: Share of queues the queue space is sized for: its 95th percentile (M/M/c) [planning target].
QUEUE_PERCENTILE = 0.95
#: Vauban barrier unit length, metres: 2.0 m, the shortest common unit (2.0–2.5 m) [v:
#: manufacturers], so the count errs on the safe side.
BARRIER_UNIT_M = 2.0

# --- Where the public comes from (planner.arrivals; docs/arrival-model.md) -------------------

#: Shares of the public by the way it comes [planning assumption, editable: a city-centre
#: evening event]; a way with no source in the data passes its share to the others.
ARRIVAL_MODE_SHARES: dict[str, float] = {"transit": 0.5, "walk": 0.3, "car": 0.2}
#: Buildings counted as homes (OSM building=*) [planning choice].
RESIDENTIAL_BUILDINGS = frozenset(
    {
        "apartments",
        "residential",
        "house",
        "detached",
        "semidetached_house",
        "terrace",
        "dormitory",
        "bungalow",
    }
)
#: Walking catchment: homes and car parks within this walk of an access send people on foot
#: [planning assumption]; transit stops use planner.access.APPROACH_MAX_M.
WALK_CATCHMENT_M = 1500.0
#: Longest walk from where a spectator comes from to the filtering point the stewards send them
#: to (metres): twice the catchment, so every source in it may reach the far side of the
#: perimeter [planning assumption].
APPROACH_REACH_M = 2 * WALK_CATCHMENT_M
#: A car park without ``capacity``: one space per 25 m² of its outline (aisles included), or
#: this many spaces for a car park mapped as a point [r: planning assumptions].
PARKING_M2_PER_SPACE = 25.0
PARKING_DEFAULT_SPACES = 50

# --- Public emergency response time, E2 (planner.access) --------------------------------------
#: The response runs from the call: alert handling + crew mobilisation + the drive [r: SDIS
#: operational plans and national fire-service statistics, as quoted]. Alert handling: 2 min
#: 28 s, the 2022 national average (about 1.5 min in a departmental plan).
E2_ALERT_MIN = 2.5
#: Crew mobilisation: 1–5 min; 3 min, the middle [r].
E2_MOBILISATION_MIN = 3.0

# --- The metropolitan season: agents over several shifts --------------------------------------

#: Daily rest between two shifts of the same agents, hours [v]: at least 11 consecutive hours
#: (Code du travail L3131-1, private agents; décret n° 2000-815 du 25 août 2000, art. 3-I, for
#: civil servants, made applicable to territorial agents by décret n° 2001-623, art. 1:
#: "repos minimum quotidien de onze heures").
DAILY_REST_H = 11.0
#: Longest shift one group of agents works, hours [v]: "la durée quotidienne du travail ne peut
#: excéder dix heures" (décret n° 2000-815, art. 3-I; Code du travail L3121-18 for private
#: agents, 12 h by collective agreement [r]). The same article caps the day's amplitude at 12 h;
#: art. 3-II allows derogations where the service protects persons and property: editable.
MAX_SHIFT_H = 10.0
#: Longest shift a season setting may allow (the day's amplitude, décret n° 2000-815 art. 3-I).
MAX_SHIFT_LIMIT_H = 12.0
#: Share of each commune's offered agents it keeps for its own territory (assumption: no text
#: fixes it; each commune states its own; editable).
KEPT_SHARE = 0.2
#: Shortfall weight of an event of priority N relative to N - 1 (assumption of the method: large
#: enough that a more urgent event is served first, one agent against one).
PRIORITY_STEP = 10.0
#: Highest priority a coordinator may give (1 is the default, 5 the most urgent).
MAX_PRIORITY = 5
#: Events farther apart than this (km, in one projected CRS) are said to be on areas far apart.
FAR_APART_KM = 100.0

# --- Crowd simulation (planner.simulation, JuPedSim's collision-free speed model) ------------
#: Free walking speed, m/s: normal distribution of mean 1.34 and standard deviation 0.26
#: (Weidmann 1993, "Transporttechnik der Fussgänger", ETH Zürich) [r], cut to 0.5–2.0 m/s.
SIM_FREE_SPEED_MEAN_M_S = 1.34
SIM_FREE_SPEED_SD_M_S = 0.26
SIM_FREE_SPEED_RANGE_M_S = (0.5, 2.0)
#: Agent radius (m) and time gap (s) of the collision-free speed model (Tordeux, Chraibi,
#: Seyfried 2016, "Collision-free speed model for pedestrian dynamics", arXiv:1512.05597, the
#: model JuPedSim implements): radii of 0.15–0.2 m in the paper and JuPedSim's documentation,
#: 0.18 m taken in that range [assumption]. The time gap T is calibrated [assumption,
#: calibrated] so that both known answers of tests/test_simulation.py hold: the specific flow
#: of a 4 m corridor in its steady part against Weidmann's fundamental diagram at the density
#: measured there (WEIDMANN_*), and the flow through a 1 m door against SIM_BOTTLENECK_FLOW_P_M_S.
#: Measured over seeds 0–4 (density about 1.6 p/m² in the corridor): JuPedSim's default T = 1 s
#: gives 0.88–0.95 of Weidmann's flow in the corridor (door 1.68–1.75 p/m/s), T = 0.85 s
#: 0.98–1.05 (door 1.74–1.83), T = 0.7 s 1.13–1.22 (door 1.82–1.97).
SIM_AGENT_RADIUS_M = 0.18
SIM_TIME_GAP_S = 0.85
#: Weidmann's fundamental diagram for walkways (Weidmann 1993, "Transporttechnik der
#: Fussgänger", ETH Zürich, Schriftenreihe IVT 90): v(ρ) = v0·(1 − exp(−γ·(1/ρ − 1/ρ_max)))
#: with v0 = 1.34 m/s, γ = 1.913 p/m², ρ_max = 5.4 p/m² [r]; at 1.8 p/m²: v = 0.68 m/s, specific
#: flow ρ·v = 1.22 p/m/s, about its maximum. The corridor test allows WEIDMANN_TOLERANCE of it
#: [assumption: experiments scatter by more, e.g. Zhang et al. 2011, J. Stat. Mech. P06004].
WEIDMANN_FREE_SPEED_M_S = 1.34
WEIDMANN_GAMMA_P_M2 = 1.913
WEIDMANN_JAM_DENSITY_P_M2 = 5.4
WEIDMANN_TOLERANCE = 0.08
#: Time step (s): JuPedSim's default is 0.01 s; 0.05 s runs about 5 times faster on a street-
#: sized crowd and keeps the bottleneck flow in the measured range (the known-answer test in
#: tests/test_simulation.py checks it at this step) [assumption, checked].
SIM_TIME_STEP_S = 0.05
#: Densest crowd placed at the start (persons/m²): a public above this on the usable surface is
#: refused; Still's dangerous density [v, see DENSITY_DANGEROUS_P_M2].
SIM_MAX_DENSITY_P_M2 = 5.0
#: Density grid cell (m) and how often (simulated s) densities and positions are recorded.
SIM_GRID_M = 1.0
SIM_RECORD_EVERY_S = 1.0
#: A simulation stops after this simulated time (s), or when nobody has left nor moved on for
#: SIM_STALL_S (agents held by the street geometry): who is still inside is reported.
SIM_MAX_TIME_S = 1800.0
SIM_STALL_S = 90.0
#: An agent that moved less than SIM_STUCK_MOVE_M (m) in SIM_STUCK_S (s) heads for its next
#: nearest exit (the model can hold an agent against a corner) [assumption].
SIM_STUCK_S = 20.0
SIM_STUCK_MOVE_M = 0.5
#: ... and, if the crowd has pressed it into a wall (its centre nearer the wall than its radius),
#: squeezes past (turned sideways) with a radius that clears the wall by SIM_SQUEEZE_CLEAR_M
#: (JuPedSim's wall repulsion range), within SIM_SQUEEZE_RADIUS_M, until it has moved on
#: [assumption: half a body's depth, about 0.25 m, is 0.12 m]. The collision-free speed model
#: holds two agents pressed side by side against a wall for good (each one's wall repulsion
#: turns it towards the other, and an agent overlapping the one ahead gets no speed): 2–6
#: agents stayed at a corner at the end of every concert run before. Only pinned agents
#: squeeze: squeezing every agent held in a jam packed 1 m cells to 18 p/m² (sector A); and
#: not below 0.1 m: a thinner agent feels the wall too late and can be pushed through it.
SIM_SQUEEZE_RADIUS_M = (0.1, 0.12)
SIM_SQUEEZE_CLEAR_M = 0.02
#: Agents are steered directly (JuPedSim's direct-steering stage) along the walking-distance field
#: to their exit, computed once on a SIM_FIELD_CELL_M grid, each heading for the point
#: SIM_LOOKAHEAD_M ahead on its shortest path, re-aimed every SIM_STEER_EVERY_S: JuPedSim's own
#: routing on the navigation mesh re-plans every agent at every step and cost 93 % of a step on
#: the concert's sector A (187 ms for 2,000 agents), 15 times the model itself [assumption,
#: measured: bench/bench_simulation.py]. A lookahead of a few body lengths smooths the grid's
#: zig-zag and is still short of the next street corner [assumption].
SIM_FIELD_CELL_M = 0.5
SIM_LOOKAHEAD_M = 2.0
SIM_STEER_EVERY_S = 0.25
#: Paths keep off walls as walkers do: grid links within SIM_WALL_CLEARANCE_M of the boundary
#: cost SIM_WALL_COST times their length, so a crowd does not all cut the same inner corner
#: (people keep about 0.25–0.5 m off walls: Weidmann 1993's boundary effect) [assumption].
SIM_WALL_CLEARANCE_M = 0.6
SIM_WALL_COST = 1.5
#: Bottleneck flows measured in experiments: 1.2–2 persons per metre per second (Seyfried et
#: al. 2009, "New insights into pedestrian flow through bottlenecks", Transportation Science
#: 43(3)) [r: the range as cited]; the known-answer test of the model checks against it.
SIM_BOTTLENECK_FLOW_P_M_S = (1.2, 2.0)
