"""Widgets of the Clusters page for picking: the customer map, downloads, tiers, run comparison."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.clustering import runs
from dashboard.figures import clusters as figures
from dashboard.i18n import format_number, format_percent
from dashboard.text_safety import markdown_text, plotly_text
from dashboard.ui import auth, charts, downloads, state
from dashboard.ui.clusters import chart_title, is_stale, names, run_again_button

KEPT_KEY = "clusters_kept_pick"


@st.cache_data(show_spinner=False, max_entries=16)
def load_map(db: str, run_id: int) -> pd.DataFrame:
    """The map's sample of customers of a run."""
    return runs.map_points(state.cursor(), run_id)


@st.cache_data(show_spinner=False, max_entries=16)
def load_tiers(db: str, version: int, run_id: int) -> pd.DataFrame:
    """Customers of each cluster in each value tier (depends on the data, hence the version)."""
    return runs.clusters_by_tier(state.cursor(), run_id)


@st.cache_data(show_spinner=False, max_entries=16)
def load_moves(db: str, run_a: int, run_b: int) -> tuple[pd.DataFrame, float]:
    """How customers moved between two runs."""
    return runs.compare_runs(state.cursor(), run_a, run_b)


def tiers_chart(run: dict, cluster_names: dict) -> None:
    """Which needs-clusters live in which value tier (today's tiers: not for a run the data
    changed under, whose customers may no longer be in the data)."""
    run_id = run["run_id"]
    if is_stale(run):
        st.info(state.tr("clusters.tiers_stale"), icon=":material/history:")
        run_again_button(run, f"clusters_run_again_tiers_{run_id}")
        return
    table = load_tiers(state.db_path(), state.version(), run_id)
    top = table[table["tier"].isin(["1", "2"])].groupby("cluster")["share_of_cluster"].sum()
    if len(top) and top.max() > 0:
        best = int(top.idxmax())
        title = state.tr(
            "clusters.chart.tiers_title",
            name=plotly_text(cluster_names[best]),
            share=format_percent(top[best], state.lang(), 0),
        )
    else:
        title = state.tr("clusters.chart.tiers_title_none")
    tiers = {t: state.tr(f"common.tier_name.{t}") for t in ("1", "2", "3", "4", "inactive")}
    charts.show(
        st,
        figures.tiers_figure(
            table, cluster_names, tiers, title, state.tr("clusters.chart.tiers_y")
        ),
        key="clusters_tiers",
    )


def compare(run_id: int, cluster_names: dict) -> None:
    """Pick another run and see how customers moved between the two."""
    others = [r for r in runs.list_runs(state.cursor())["run_id"].astype(int) if r != run_id]
    none = state.tr("clusters.compare_none")
    other = st.selectbox(
        state.tr("clusters.compare"),
        [None, *others],
        key="clusters_compare",
        format_func=lambda r: none if r is None else f"#{r}",
    )
    if other is None:
        return
    moves, ari = load_moves(state.db_path(), run_id, other)
    kept = moves.groupby("cluster_a")["customers"].max().sum() / moves["customers"].sum()
    lang = state.lang()
    fig = figures.moves_figure(
        moves,
        cluster_names,
        names(other),
        state.tr("clusters.chart.moves_title", share=format_percent(kept, lang, 0)),
        state.tr("clusters.chart.moves_x", run_id=run_id),
        state.tr("clusters.chart.moves_y", run_id=other),
    )
    charts.show(st, fig, key="clusters_moves")
    st.caption(state.tr("clusters.compare_ari", ari=format_number(ari, lang, 2)))


def _map_clusters(event) -> set[int]:
    picked = set()
    for point in event.selection.get("points", []) if event else []:
        data = point.get("customdata")
        if data is not None and len(data):
            picked.add(int(data[0]))
    return picked


def customer_map(run: dict, cluster_names: dict) -> list[int]:
    """The map of customers with click, box and lasso selection; returns the clusters selected."""
    lang, points = state.lang(), load_map(state.db_path(), run["run_id"])
    variance = run["summary"]["map_variance"]
    st.caption(
        state.tr(
            "clusters.map_help",
            shown=format_number(len(points), lang),
            total=format_number(run["customers"], lang),
        )
    )
    fig = figures.map_figure(
        points,
        cluster_names,
        chart_title(run, state.tr("clusters.chart.map_title", k=run["k"])),
        state.tr("clusters.chart.map_x", share=format_percent(variance[0], lang, 0)),
        state.tr("clusters.chart.map_y", share=format_percent(variance[1], lang, 0)),
    )
    event = charts.show(
        st,
        fig,
        key=f"clusters_map_{run['run_id']}",
        on_select="rerun",
        selection_mode=("points", "box", "lasso"),
    )
    return sorted(_map_clusters(event))


def picked(run: dict, clusters: list[int], cluster_names: dict) -> None:
    """What is picked, the downloads of its customers, and keeping the pick for a campaign."""
    if not clusters:
        st.info(state.tr("clusters.pick_none"))
        return
    run_id, lang = run["run_id"], state.lang()
    sizes = run["profile"].set_index("cluster")["customers"]
    total = int(sum(sizes.get(c, 0) for c in clusters))
    st.markdown(
        "**"
        + state.tr(
            "clusters.picked",
            customers=format_number(total, lang),
            names=", ".join(f"{c}: {markdown_text(cluster_names[c])}" for c in clusters),
        )
        + "**"
    )

    def customers(cursor) -> pd.DataFrame:
        runs.save_pick(cursor, run_id, clusters)  # a download keeps the pick for a campaign
        return runs.picked_customers(cursor, run_id, clusters, lang)

    stem = f"clusters_run{run_id}_" + "-".join(map(str, clusters))
    left, middle, right = st.columns(3)
    downloads.csv_and_excel(customers, stem, "clusters", places=(left, middle))
    right.button(
        state.tr("clusters.save_pick"),
        key="clusters_save_pick",
        on_click=keep_pick,
        args=(run_id, clusters),
    )
    kept = st.session_state.get(KEPT_KEY)
    if kept and kept[1:] == (run_id, tuple(clusters)):
        st.success(state.tr("clusters.pick_saved", pick_id=kept[0], run_id=run_id))
    kept_picks(run_id)


def kept_picks(run_id: int) -> None:
    """The picks already kept from this run (campaigns refer to them by id)."""
    picks = runs.list_picks(state.cursor(), run_id)
    if picks.empty:
        return
    lang = state.lang()
    items = "; ".join(
        state.tr(
            "clusters.kept_item",
            pick_id=p.pick_id,
            clusters=", ".join(map(str, p.clusters)),
            customers=format_number(p.customers, lang),
        )
        for p in picks.itertuples()
    )
    st.caption(state.tr("clusters.kept", items=items))


def keep_pick(run_id: int, clusters: list[int]) -> None:
    """Save the pick (the button; a download saves it in its own callable): campaigns refer to
    it by run and pick id."""
    if not auth.check("segments"):
        return
    pick_id = runs.save_pick(state.cursor(), run_id, clusters)
    st.session_state[KEPT_KEY] = (pick_id, run_id, tuple(clusters))
