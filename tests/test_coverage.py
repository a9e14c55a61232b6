"""Coverage of a perimeter by cameras, blind spots, greedy proposals, and the cameras CLI."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest
from geopandas import GeoSeries
from scipy.sparse import csr_matrix
from shapely.geometry import Point, box, shape

from planner.cameras import Camera, placed_camera
from planner.checkpoints import find_checkpoints
from planner.coverage import Scene, Target, coverage
from planner.proposals import build_options, candidate_mounts, greedy, weight_seen
from planner.report import REPORT_VERSION
from planner.video import VideoSettings, checkpoint_targets, mobile_template, video_plan
from planner.visibility import Obstacles
from tests.conftest import CASINO, PRINCESSE_GRACE, run_cli, square, write_geojson


@pytest.fixture(scope="module")
def concert(monaco):
    """The concert example's perimeter, sectors and checkpoints on Monaco."""
    from scenarios import convert
    from scenarios.examples import load_example

    scenario = load_example("monaco-new-year-concert")
    zones = convert.plan_zones(scenario, monaco.crs)
    checkpoints = find_checkpoints(monaco, convert.perimeter(scenario)).checkpoints
    return zones, checkpoints


def casino(area, half_side_m: float):
    """A square perimeter on the casino square (projected)."""
    return (
        GeoSeries([shape(square(*CASINO, half_side_m))], crs="EPSG:4326").to_crs(area.crs).iloc[0]
    )


def test_concert_coverage_figures(monaco, concert):
    zones, checkpoints = concert
    plan = video_plan(monaco, zones.perimeter, zones.sectors, checkpoint_targets(checkpoints))
    cover = plan.final
    # Of Monaco's 14 cameras, 4 domes stand within reach of the casino square (the others
    # watch the port, the palace and Fontvieille); they look along the avenues west of it.
    assert len(cover.cameras) == 4
    assert set(cover.sectors) == set(zones.sectors)
    assert 0 <= cover.outline_seen <= 1
    assert sum(t.best_level is not None for t in cover.targets) <= 2
    blind = sum(b.area for b in cover.blind_spots)
    assert blind == pytest.approx(
        cover.usable.area - cover.seen["observation"].intersection(cover.usable).area, rel=0.01
    )
    assert all(b.area >= 5 for b in cover.blind_spots)
    assert all(b.within(zones.perimeter.buffer(0.01)) for b in cover.blind_spots)
    assert plan.notices == ()  # the camera mapped inside a building is far away


def test_planned_camera_over_a_filtering_point_covers_it(monaco, concert):
    zones, checkpoints = concert
    target = checkpoints[0]
    lon, lat = target.lon, target.lat
    # A dome on the filtering point itself: seen at identification level (it is under it).
    mobile = placed_camera(monaco, "M1", lon, lat, camera_type="dome", height_m=3.0)
    plan = video_plan(
        monaco, zones.perimeter, zones.sectors, checkpoint_targets(checkpoints), [mobile]
    )
    by_id = {t.id: t.best_level for t in plan.final.targets}
    assert by_id[target.id] == "identification"
    before = video_plan(monaco, zones.perimeter, zones.sectors, checkpoint_targets(checkpoints))
    assert plan.final.outline_seen > before.final.outline_seen


def test_planned_camera_out_of_reach_is_said_and_kept(monaco, concert):
    zones, checkpoints = concert
    # On the port, about 600 m from the casino square: it sees nothing of the perimeter.
    far = placed_camera(monaco, "M9", 7.4219, 43.7347, directions=[90.0])
    plan = video_plan(
        monaco, zones.perimeter, zones.sectors, checkpoint_targets(checkpoints), [far]
    )
    assert [n.key for n in plan.notices] == ["camera_out_of_reach"]
    distance = plan.notices[0].params["distance_m"]
    assert 400 < distance < 900
    assert plan.notices[0].message("en") == (
        f"Camera M9 is {distance:,.0f} m from the perimeter: it sees nothing of it."
    )
    assert "M9" in {c.id for c in plan.final.cameras}  # the planner's: kept and drawn
    seen = [g for v in plan.final.views if v.camera == "M9" for g in v.levels.values()]
    assert all(g.intersection(zones.perimeter).is_empty for g in seen)


def test_queue_area_share_by_hand():
    # Open ground, no building: a queue of 20 × 10 m and a dome 1 m west of its edge, at the
    # faces' height (identification range 3.84 m with 1920 px and a 90° lens).
    ground = box(-50, -50, 50, 50)
    scene = Scene(
        ground,
        {"A": ground},
        ground,
        ground,
        ground.boundary,
        Obstacles.from_footprints([]),
        {"A": ground},
    )
    queue = box(0, 0, 20, 10)
    dome = Camera("M1", "planned", "dome", -1.0, 5.0, 0.0, 0.0, fov_deg=90, height_m=1.6)
    result = coverage(scene, [dome], [Target("P1", 0.0, 5.0, queue)])
    (target,) = result.targets
    assert target.queue_m2 == pytest.approx(200.0)
    assert target.best_level == "identification"  # the filtering point is 1 m from the dome
    # The disc's segment beyond a chord 1 m from its centre: r²·acos(d/r) − d·√(r² − d²).
    r, d = 3.84, 1.0
    segment = r * r * math.acos(d / r) - d * math.sqrt(r * r - d * d)  # 15.57 m²
    assert target.queue_seen["identification"] == pytest.approx(segment / 200, rel=0.01)
    disc = Point(-1, 5).buffer(15.36, quad_segs=256)
    assert target.queue_seen["observation"] == pytest.approx(
        disc.intersection(queue).area / 200, rel=0.01
    )


# --- Greedy proposals --------------------------------------------------------------------------


def test_greedy_on_a_made_up_matrix():
    # Three samples of weight 1, 2, 4; option 0 sees {0, 1}, option 1 sees {2}, option 2 {1, 2}.
    sees = csr_matrix(np.array([[1, 1, 0], [0, 0, 1], [0, 1, 1]], dtype=bool))
    weights = np.array([1.0, 2.0, 4.0])
    assert greedy(sees, weights, 1) == [2]  # 6
    assert greedy(sees, weights, 2) == [2, 0]  # then the 1 left
    assert greedy(sees, weights, 5) == [2, 0]  # nothing more to add: stops at 2
    assert weight_seen(sees, weights, [0, 1]) == 7.0


def test_greedy_proposal_within_its_bound_of_brute_force(monaco):
    """On a small perimeter (the casino square) with the options that add the most, the greedy
    choice of 3 reaches at least (1 − 1/e) of the best of all choices of 3."""
    perimeter = casino(monaco, 50)
    scene = Scene.of(monaco, perimeter, {"A": perimeter})
    current = coverage(scene, [])
    mounts = candidate_mounts(monaco, scene)
    assert len(mounts) > 10
    template = mobile_template(monaco, VideoSettings())
    options = build_options(scene, mounts, template, current, directions=(0.0, 90.0, 180.0, 270.0))
    gains = np.asarray(options.sees @ options.weights).ravel()
    best = np.argsort(-gains)[:16]
    small = options.sees[best]
    chosen = greedy(small, options.weights, 3)
    greedy_value = weight_seen(small, options.weights, chosen)
    optimum = max(
        weight_seen(small, options.weights, list(combo))
        for combo in itertools.combinations(range(len(best)), 3)
    )
    assert optimum > 0
    assert greedy_value >= (1 - 1 / math.e) * optimum
    assert greedy_value <= optimum


def test_proposals_improve_the_concert_coverage(monaco, concert):
    zones, checkpoints = concert
    settings = VideoSettings(propose=4)
    plan = video_plan(
        monaco, zones.perimeter, zones.sectors, checkpoint_targets(checkpoints), (), settings
    )
    assert [p.camera.id for p in plan.proposals] == ["X1", "X2", "X3", "X4"]
    assert plan.final.checkpoints_seen > plan.existing.checkpoints_seen
    weights = [p.weight for p in plan.proposals]
    assert weights == sorted(weights, reverse=True)  # greedy: each adds no more than the last
    for p in plan.proposals:
        assert p.mount in ("building_corner", "street_lamp", "pole")
        assert p.camera.source == "proposed" and len(p.camera.directions) == 1
        assert p.checkpoints or p.crowd_m2 > 0
    seen_by_proposals = {c for p in plan.proposals for c in p.checkpoints}
    levels = {t.id: t.best_level for t in plan.final.targets}
    assert all(
        levels[c] in ("observation", "recognition", "identification") for c in seen_by_proposals
    )


def test_more_cameras_asked_than_candidates_add(monaco):
    perimeter = (
        GeoSeries([shape(square(*PRINCESSE_GRACE, 20))], crs="EPSG:4326").to_crs(monaco.crs).iloc[0]
    )
    plan = video_plan(monaco, perimeter, {}, (), (), VideoSettings(propose=300))
    assert 0 < len(plan.proposals) < 300
    (notice,) = [n for n in plan.notices if n.key == "camera_too_many"]
    assert notice.message().startswith("300 mobile cameras asked for, but only")


# --- CLI -------------------------------------------------------------------------------------


def test_cli_cameras_of_a_scenario():
    from scenarios.examples import EXAMPLES_DIR

    result = run_cli(
        "cameras", str(EXAMPLES_DIR / "monaco-new-year-concert.vigie.json"), "--propose", "2"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    summary = data["summary"]
    assert set(summary) >= {
        "coverage_checkpoints",
        "coverage_perimeter",
        "coverage_sectors",
        "checkpoints",
    }
    assert 0 <= summary["coverage_checkpoints"] <= 1 and 0 <= summary["coverage_perimeter"] <= 1
    assert set(summary["coverage_sectors"]) == {"A", "B", "C"}
    cameras = [f for f in data["features"] if f["geometry"]["type"] == "Point"]
    assert {c["properties"]["source"] for c in cameras} == {"osm", "planned", "proposed"}
    for c in cameras:
        props = c["properties"]
        assert isinstance(props["direction_deg"], list)
        assert set(props["ranges_m"]) == {
            "detection",
            "observation",
            "recognition",
            "identification",
        }
    views = [f for f in data["features"] if f["properties"]["kind"] == "view"]
    ids = {c["properties"]["id"] for c in cameras}
    assert views and all(v["properties"]["camera"] in ids for v in views)
    assert all(v["geometry"]["type"] in ("Polygon", "MultiPolygon") for v in views)
    assert "inside a building footprint" not in result.stderr


def test_cli_reports_a_camera_inside_a_building(tmp_path):
    # osm-6473583428 (surveillance:zone=building) is mapped 10 m inside a footprint.
    perimeter = write_geojson(tmp_path / "p.geojson", square(7.4140, 43.7320, 60))
    result = run_cli("cameras", "--area", "monaco", "--perimeter", str(perimeter))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (
        "warning: Camera osm-6473583428 lies 10 m inside a building footprint: it sees nothing "
        "of the street."
    )


def test_cli_cameras_of_an_area_and_perimeter(tmp_path):
    perimeter = write_geojson(tmp_path / "p.geojson", square(*CASINO, 80))
    result = run_cli(
        "cameras", "--area", "monaco", "--perimeter", str(perimeter), "--level", "detection"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["level"] == "detection"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "monaco"], "cameras needs a scenario FILE"),
        (["--area", "monaco", "--perimeter", "{p}", "--propose", "-1"], "--propose needs"),
        (["--area", "monaco", "--perimeter", "{p}", "--level", "sharp"], "invalid choice"),
    ],
)
def test_cli_cameras_bad_input(tmp_path, args, message):
    perimeter = write_geojson(tmp_path / "p.geojson", square(*CASINO, 80))
    result = run_cli("cameras", *[a.replace("{p}", str(perimeter)) for a in args])
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_level_is_one_clear_error(monaco, concert):
    from planner.cameras import CameraError

    zones, _ = concert
    with pytest.raises(CameraError, match="Unknown DORI level 'sharp'"):
        video_plan(monaco, zones.perimeter, {}, (), (), VideoSettings(level="sharp"))


def test_report_has_the_cameras_section(tmp_path):
    from scenarios.examples import EXAMPLES_DIR

    concert = EXAMPLES_DIR / "monaco-new-year-concert.vigie.json"
    result = run_cli("plan", str(concert), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["version"] == REPORT_VERSION >= 4  # cameras since version 4
    section = report["cameras"]
    summary = section["summary"]
    assert 0 <= summary["coverage_checkpoints"] <= 1
    assert set(summary["coverage_sectors"]) == {"A", "B", "C"}
    # Only the filtering points of the access plan, with their queue areas.
    filtering = {c["id"] for c in report["checkpoints"] if c.get("role") == "filtering"}
    assert set(summary["checkpoints"]) == filtering
    assert set(summary["queues"]) <= filtering
    placed = [c for c in section["cameras"] if c["source"] == "planned"]
    assert [(c["id"], c["commune"], c["direction_deg"]) for c in placed] == [
        ("M1", "Monaco", [60.0])
    ]
    assert placed[0]["ranges_m"]["detection"] == pytest.approx(38.2, abs=0.1)


def test_sheet_draws_and_lists_the_cameras(tmp_path):
    from pypdf import PdfReader

    from scenarios.examples import EXAMPLES_DIR

    out = tmp_path / "plan.pdf"
    concert = EXAMPLES_DIR / "monaco-new-year-concert.vigie.json"
    result = run_cli("export", str(concert), "--format", "pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = [page.extract_text() for page in PdfReader(out).pages]
    # The map page draws the views, blind spots and cameras, each in its legend.
    for entry in ("Vue de caméra : observation", "Angles morts", "Caméra OSM", "Caméra mobile"):
        assert entry in " ".join(pages[0].split())
    text = "".join(pages)
    page = text[text.index("Vidéoprotection") :]
    assert "Détection Observation Reconnaissance" in page
    assert "M1 placée fixed 60 Monaco 38 15 7" in page  # the hand-checked ranges, rounded
