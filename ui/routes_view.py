"""The access panel: emergency routes per sector (E2), evacuation, approach, isochrones."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st

from layers.routes import add_isochrones, add_routes
from planner import access
from ui.i18n import said, t

LAYERS = ["emergency", "evacuation", "approach", "isochrones"]


def routes_overlay(
    group: folium.FeatureGroup,
    result: access.PlanAccess | None,
    layers: list[str],
    crs: str,
    lang: str,
) -> None:
    """Add the chosen route layers to the map's dynamic group."""
    if result is None:
        return
    if "isochrones" in layers:
        add_isochrones(group, result.isochrones, crs, lang)
    if "emergency" in layers:
        add_routes(group, _fastest_by_kind(result.emergency), crs, lang)
    if "evacuation" in layers:
        add_routes(group, result.evacuation, crs, lang)
    if "approach" in layers:
        add_routes(group, result.approach, crs, lang)


def access_panel(result: access.PlanAccess | None) -> None:
    """Tables of the routes, with unreachable sectors flagged loudly."""
    st.subheader(t("access_header"))
    if result is None:
        st.info(t("access_needs_sectors"))
        return
    for problem in result.problems:
        show = st.error if problem.key == "route_sector_unreachable" else st.warning
        show(said(problem))
    rows = []
    for sector in result.emergency.sectors:
        fastest = sector.fastest_s
        rows.append(
            {
                t("col_sector"): sector.sector,
                t("col_fire"): _minutes(fastest["fire_station"]),
                t("col_hospital"): _minutes(fastest["hospital"]),
                t("col_police"): _minutes(fastest["police"]),
                "E2": sector.e2,
            }
        )
    st.markdown(f"**{t('emergency_table')}**")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t("speeds_note"))
    if result.evacuation:
        st.markdown(f"**{t('evacuation_table')}**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("col_sector"): r.origin,
                        t("col_length"): round(r.length_m),
                        t("col_minutes"): round(r.duration_s / 60, 1),
                        t("col_worst"): round(r.properties["worst_case_s"] / 60, 1),
                    }
                    for r in result.evacuation
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    loaded = {k: v for k, v in result.approach_load.items() if v}
    if loaded:
        st.markdown(f"**{t('approach_table')}**")
        total = sum(loaded.values())
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("col_checkpoint"): cid,
                        t("col_stops"): n,
                        t("col_share"): f"{n / total:.0%}",
                    }
                    for cid, n in sorted(loaded.items(), key=lambda kv: -kv[1])
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def _fastest_by_kind(plan: access.AccessPlan) -> list[access.Route]:
    best: dict[tuple[str, str], access.Route] = {}
    for route in plan.routes():
        key = (route.destination, route.properties["station_kind"])
        if key not in best or route.duration_s < best[key].duration_s:
            best[key] = route
    return list(best.values())


def _minutes(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds / 60:.1f} min"
