"""Widgets and cached loaders of the Clusters page: settings, run, choice of k, profiles, names."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.clustering import analysis, runs
from dashboard.clustering.features import DEFAULT_FEATURES, FEATURES
from dashboard.clustering.pipeline import ALGORITHMS
from dashboard.clustering.profiles import describe_rule, feature_label, mean_format
from dashboard.clustering.selection import K_MAX, K_MIN, k_ranges, left_out_reasons
from dashboard.errors import DashboardError
from dashboard.figures import clusters as figures
from dashboard.figures.theme import cluster_color
from dashboard.i18n import format_date, format_datetime, format_number, format_percent
from dashboard.reporting import findings
from dashboard.store import database
from dashboard.text_safety import markdown_text
from dashboard.ui import auth, charts, state, tables

RUN_KEY = "clusters_open_run"
#: Settings of a run to make again, set by a "Run again" button for the next page run.
RERUN_KEY = "clusters_rerun"


@st.cache_data(show_spinner=False, max_entries=32)
def load_run(db: str, run_id: int) -> dict:
    """A saved run (runs never change once saved, so the id is the whole cache key)."""
    return runs.load_run(state.cursor(), run_id)


def names(run_id: int) -> dict[int, str]:
    """Cluster names of a run in the session's language (not cached: users rename them)."""
    return runs.cluster_names(state.cursor(), run_id, state.lang())


def settings_form() -> dict | None:
    """The features, k and method; returns the settings when the user presses Run."""
    with st.form("clusters_settings"):
        chosen = st.multiselect(
            state.tr("clusters.features"),
            list(FEATURES),
            default=list(DEFAULT_FEATURES),
            format_func=state.labeler("clusters.feature."),
            key="clusters_features",
            help=state.tr("clusters.features_help"),
        )
        left, middle, right = st.columns(3)
        mode = left.radio(
            state.tr("clusters.k_mode"),
            ("auto", "fixed"),
            key="clusters_k_mode",
            format_func=state.labeler("clusters.k_"),
            horizontal=True,
        )
        k = middle.number_input(state.tr("clusters.k"), K_MIN, K_MAX, 4, key="clusters_k")
        algorithm = right.selectbox(
            state.tr("clusters.algorithm"),
            ALGORITHMS,
            key="clusters_algorithm",
            format_func=state.labeler("clusters.algorithm."),
        )
        fill = st.checkbox(state.tr("clusters.fill_missing"), key="clusters_fill")
        name = st.text_input(state.tr("clusters.run_name"), key="clusters_name")
        if not st.form_submit_button(state.tr("clusters.run"), type="primary", key="clusters_run"):
            return None
    return {
        "features": chosen,
        "k": "auto" if mode == "auto" else int(k),
        "algorithm": algorithm,
        "fill_missing": fill,
        "name": name or None,
    }


def no_runs_yet() -> bool:
    """True before the first clustering of this database has been saved."""
    return runs.list_runs(state.cursor()).empty


def only_runs_of_gone_customers() -> bool:
    """True when runs were saved but none of their customers is in the data any more (the
    removed demo, a replaced table), while there are purchases to cluster: the page then makes
    a first run on the data as it is, as on a first visit."""
    conn = state.cursor()
    found = conn.execute(
        "SELECT run_id, data_version FROM segment_runs ORDER BY run_id DESC LIMIT 1"
    ).fetchone()
    if found is None:
        return False
    latest, saw = found
    if saw is not None and saw == database.content_version(conn):
        return False  # saved on the rows as they are: its customers are in the data
    return _runs_all_gone(state.db_path(), state.version(), latest)


@st.cache_data(show_spinner=False, max_entries=4)
def _runs_all_gone(db: str, data_version: int, latest_run: int) -> bool:
    """(cached per data version and newest run: it reads every customer id of the data)"""
    sql = """
        SELECT EXISTS (SELECT 1 FROM transactions)
           AND NOT EXISTS (SELECT 1 FROM segment_assignments a
                           WHERE a.customer_id IN (SELECT customer_id FROM transactions))
    """
    return bool(state.cursor().execute(sql).fetchone()[0])


def default_settings() -> dict:
    """The settings of the first run, made for the user so that the page is never empty."""
    return {
        "features": list(DEFAULT_FEATURES),
        "k": "auto",
        "algorithm": ALGORITHMS[0],
        "fill_missing": False,
        "name": state.tr("clusters.first_run_name"),
    }


def run_clustering(settings: dict, first: bool = False) -> int | None:
    """Run and save a clustering with a progress bar; the new run id, or None after an error.

    ``first``: the page's own first run on data that has none, which any role may start (it
    holds no choice of the user's); a run the user asks for needs a role that may segment.
    """
    if not first and not auth.check("segments"):
        return None
    bar = st.progress(0.0, text=state.tr("clusters.progress.features"))

    def progress(fraction: float, key: str) -> None:
        bar.progress(min(1.0, fraction), text=state.tr(key))

    conn = state.cursor()
    try:
        result = analysis.segment(
            conn,
            state.filters(),
            settings["features"],
            settings["k"],
            settings["algorithm"],
            settings["fill_missing"],
            progress=progress,
            skip_uninformative=sorted(settings["features"]) == sorted(DEFAULT_FEATURES),
        )
        run_id = runs.save_run(conn, result, settings["name"])
    except DashboardError as e:
        bar.empty()
        st.error(state.tr("clusters.error", message=markdown_text(e.localized(state.lang()))))
        return None
    st.session_state[RUN_KEY] = run_id
    st.success(state.tr("clusters.saved", run_id=run_id))
    left_out = result.settings["left_out"]
    if left_out:
        labels = ", ".join(feature_label(c, state.lang()) for c in left_out)
        st.info(state.tr("clusters.left_out", features=labels))
    return run_id


def run_name(run_id: int, name: str, k: int) -> str:
    """A run's name in the reader's language when the app gave it (the first run, "Run 3
    again", none typed: "Run 5: 4 clusters"), whichever language it was saved in; a name the
    user typed as typed."""
    if name == runs.default_name(run_id, k):
        return state.tr("clusters.default_run_name", run_id=int(run_id), k=int(k))
    for lang in i18n.LANGUAGES:
        if name == i18n.t("clusters.first_run_name", lang):
            return state.tr("clusters.first_run_name")
        for number in re.findall(r"\d+", name or ""):
            if name == i18n.t("clusters.rerun_name", lang, run_id=int(number)):
                return state.tr("clusters.rerun_name", run_id=int(number))
    return name


def pick_run() -> int | None:
    """The run to show: a select box of saved runs, newest first (None when there is none)."""
    saved = runs.list_runs(state.cursor())
    if saved.empty:
        st.info(state.tr("clusters.no_runs"))
        return None
    labels = {
        int(r.run_id): state.tr(
            "clusters.run_label",
            run_id=r.run_id,
            name=run_name(r.run_id, r.name, r.k),
            created=format_datetime(r.created_at, state.lang()),
            customers=format_number(r.customers, state.lang()),
            period=_period_text(r.period_start, r.period_end),
        )
        for r in saved.itertuples()
    }
    if st.session_state.get(RUN_KEY) not in labels:
        st.session_state[RUN_KEY] = next(iter(labels))
    return st.selectbox(
        state.tr("clusters.open_run"), list(labels), key=RUN_KEY, format_func=labels.get
    )


def _day(value) -> date | None:
    """A run's period bound as a date (a list's cell may be NaT or a timestamp)."""
    if value is None or pd.isna(value):
        return None
    return value.date() if hasattr(value, "date") else value


def _period_text(start, end) -> str:
    """A run's period as the language writes it ("…" for an open end)."""
    lang = state.lang()
    start, end = _day(start), _day(end)
    return " – ".join(format_date(d, lang) if d else "…" for d in (start, end))


def run_header(run: dict) -> None:
    """What the run is: k, customers, its period (said when it is not the sidebar's), features,
    method."""
    lang = state.lang()
    period = run["filters"]
    st.subheader(
        state.tr(
            "clusters.run_header",
            run_id=run["run_id"],
            k=run["k"],
            customers=format_number(run["customers"], lang),
        )
    )
    st.caption(state.tr("clusters.run_period", period=_period_text(period.start, period.end)))
    if run["settings"].get("prepared"):  # made by the prepare step when the data came in
        made = format_datetime(run["created_at"], lang)
        st.caption(state.tr("clusters.prepared", date=made))
    sample = run["summary"].get("fit_sample")
    if sample:
        st.caption(
            state.tr(
                "clusters.fit_sample",
                sample=format_number(sample, lang),
                customers=format_number(run["customers"], lang),
            )
        )
    shown = state.filters()
    if (period.start, period.end) != (shown.start, shown.end):
        st.info(
            state.tr(
                "clusters.other_period",
                run_id=run["run_id"],
                period=_period_text(period.start, period.end),
                shown=_period_text(shown.start, shown.end),
            ),
            icon=":material/date_range:",
        )
    st.caption(
        state.tr(
            "clusters.run_settings",
            features=", ".join(feature_label(c, lang) for c in run["features"]),
            algorithm=state.tr(f"clusters.algorithm.{run['algorithm']}"),
        )
    )
    if is_stale(run):
        date = format_date(run["created_at"], lang)
        st.warning(state.tr("clusters.stale_run", date=date), icon=":material/history:")
        run_again_button(run, f"clusters_run_again_{run['run_id']}")


def is_stale(run: dict) -> bool:
    """True when the data changed after the run (see :func:`dashboard.clustering.runs.is_stale`)."""
    return runs.is_stale(state.cursor(), run)


def chart_title(run: dict, title: str) -> str:
    """A chart's finding, said to be of the run's time when the data changed since."""
    return findings.cluster_title(title, state.lang(), run if is_stale(run) else None)


def run_again_button(run: dict, key: str) -> None:
    """A button that runs ``run``'s settings again on today's data (at the top of the next run,
    before the run picker, so that the new run opens)."""
    settings = {
        **runs.rerun_settings(run),
        "name": state.tr("clusters.rerun_name", run_id=run["run_id"]),
    }
    st.button(
        state.tr("clusters.run_again"),
        key=key,
        type="primary",
        icon=":material/refresh:",
        on_click=_queue_rerun,
        args=(settings,),
    )


def _queue_rerun(settings: dict) -> None:
    st.session_state[RERUN_KEY] = settings


def queued_rerun() -> dict | None:
    """The settings a "Run again" button asked for (once), or None."""
    return st.session_state.pop(RERUN_KEY, None)


def k_choice(run: dict) -> None:
    """The recommendation and its reason, the scores chart, and the stability verdict."""
    scores, lang = run["scores"], state.lang()
    recommendation = run["summary"]["recommendation"]
    if recommendation:
        left_out = _left_out(run)
        reason = recommendation["reason"] + ("_considered" if left_out else "")
        st.markdown(
            "**"
            + state.tr(
                reason,
                k=recommendation["k"],
                silhouette=format_number(recommendation["silhouette"], lang, 2),
                davies_bouldin=format_number(recommendation["davies_bouldin"], lang, 2),
                db_k=recommendation["best_davies_bouldin_k"],
                elbow_k=recommendation["elbow_k"],
            )
            + "**"
        )
        if left_out:
            st.caption(state.tr("clusters.reason.left_out", details=_left_out_details(left_out)))
        measures = ("silhouette", "davies_bouldin", "stability", "inertia", "score")
        labels = {m: state.tr(f"clusters.chart.{m}") for m in (*measures, "recommended")}
        labels["k"] = state.tr("clusters.chart.k_axis")
        labels["left_out"] = state.tr("clusters.chart.left_out")
        k_title = "clusters.chart.k_title" + ("_considered" if left_out else "")
        fig = figures.k_choice_figure(
            scores,
            recommendation["k"],
            labels,
            chart_title(run, state.tr(k_title, k=recommendation["k"])),
            left_out={k: _left_out_hover(k, why, scores) for k, why in left_out.items()},
        )
        charts.show(st, fig, key="clusters_k_chart")
    else:
        st.markdown(state.tr("clusters.fixed_k", k=run["k"]))
    row = scores[scores["k"] == run["k"]]
    if len(row) and "stability" in row:
        ari = format_number(float(row["stability"].iloc[0]), lang, 2)
        if bool(row["is_stable"].iloc[0]):
            st.success(state.tr("clusters.stable", ari=ari))
        else:
            st.warning(state.tr("clusters.unstable", ari=ari))


def _left_out(run: dict) -> dict[int, list[str]]:
    """The numbers of clusters the recommendation passed over, each with its reasons."""
    reasons = left_out_reasons(run["scores"])
    return {int(k): reasons.get(int(k), []) for k in run["summary"]["recommendation"]["left_out"]}


def _left_out_details(left_out: dict[int, list[str]]) -> str:
    """The passed-over numbers of clusters grouped by reason: "2, 6–12 clusters (unstable…)"."""
    parts = []
    for reason in ("small", "unstable"):
        ks = [k for k, why in left_out.items() if reason in why]
        if ks:
            parts.append(state.tr(f"clusters.left_out.{reason}", ks=k_ranges(ks)))
    return "; ".join(parts)


def _left_out_hover(k: int, why: list[str], scores: pd.DataFrame) -> str:
    """Why one number of clusters was passed over, with its own figures (the chart's hover)."""
    lang, row = state.lang(), scores[scores["k"] == k].iloc[0]
    parts = []
    if "small" in why:
        share = format_percent(row["smallest_share"], lang, 1)
        parts.append(state.tr("clusters.left_out_hover.small", share=share))
    if "unstable" in why:
        ari = format_number(row["stability"], lang, 2)
        parts.append(state.tr("clusters.left_out_hover.unstable", ari=ari))
    return state.tr("clusters.left_out_hover", k=k, reasons="; ".join(parts))


def cluster_table(run: dict, cluster_names: dict) -> list[int]:
    """The profile table (tick rows to pick clusters); returns the ticked clusters."""
    lang, profile = state.lang(), run["profile"]
    shares = [
        state.tr(f"clusters.col.share_{m}") for m in ("customers", "revenue", "cost", "profit")
    ]
    table = pd.DataFrame(
        {
            state.tr("clusters.col.cluster"): profile["cluster"].astype(int),
            state.tr("clusters.col.name"): [cluster_names[int(c)] for c in profile["cluster"]],
            state.tr("clusters.col.customers"): profile["customers"].astype(int),
            **{
                label: profile[f"share_{m}"]
                for label, m in zip(shares, ("customers", "revenue", "cost", "profit"), strict=True)
            },
        }
    )
    kinds, decimals = {"money": [], "percent": list(shares)}, {}
    for column in run["features"]:
        label = feature_label(column, lang)
        table[label] = profile[f"mean_{column}"]
        kind, decimals[label] = mean_format(column)
        kinds.setdefault(kind, []).append(label)
    st.caption(state.tr("clusters.table_help"))
    event = tables.show(
        table,
        money=kinds["money"],
        percent=kinds["percent"],
        decimals=decimals,
        hide_index=True,
        on_select="rerun",
        selection_mode="multi-row",
        key=f"clusters_table_{run['run_id']}",
    )
    rules(run, cluster_names)
    return [int(profile["cluster"].iloc[i]) for i in event.selection.rows]


def rules(run: dict, cluster_names: dict) -> None:
    """Each cluster in one line: its colour, name and the plain rule that finds its customers."""
    lang = state.lang()
    lines = []
    for rule in run["summary"]["rules"]:
        cluster = int(rule["cluster"])
        quality = state.tr(
            "clusters.rule_quality",
            coverage=format_percent(rule["coverage"], lang, 0),
            precision=format_percent(rule["precision"], lang, 0),
        )
        rule_text = describe_rule(rule, lang, state.currency())
        lines.append(  # Streamlit's own colour directive: the name and rule are text only
            f':color[●]{{foreground="{cluster_color(cluster)}"}} '
            f"**{cluster}: {markdown_text(cluster_names[cluster])}** — "
            f"{markdown_text(rule_text)} ({markdown_text(quality)})"
        )
    st.markdown("  \n".join(lines))


def rename_form(run_id: int, cluster_names: dict) -> None:
    """Edit and save the names of the clusters."""
    with st.expander(state.tr("clusters.rename")), st.form(f"clusters_rename_{run_id}"):
        edited = {
            c: st.text_input(f"{c}", value=n, key=f"clusters_name_{run_id}_{c}")
            for c, n in cluster_names.items()
        }
        if st.form_submit_button(
            state.tr("clusters.save_names"), key=f"clusters_save_names_{run_id}"
        ) and auth.check("segments"):
            conn = state.cursor()
            for cluster, name in edited.items():
                if name != cluster_names[cluster]:
                    runs.rename_cluster(conn, run_id, cluster, name)
            st.success(state.tr("clusters.names_saved"))
            st.rerun()


def profile_charts(run: dict, cluster_names: dict) -> None:
    """Shares of customers, revenue, cost and profit; the heatmap of standardised differences."""
    lang, stale = state.lang(), is_stale(run)
    charts.show(
        st, findings.cluster_shares_figure(run, cluster_names, lang, stale), key="clusters_shares"
    )
    fig = findings.cluster_heatmap_figure(run, cluster_names, lang, stale)
    charts.show(st, fig, key="clusters_heatmap")
