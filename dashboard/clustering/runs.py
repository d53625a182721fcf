"""Saved clustering runs: settings, scores and assignments in DuckDB, the pipeline under models/."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import joblib
import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from dashboard.clustering.analysis import SegmentResult, filters_from_dict
from dashboard.clustering.profiles import display_names
from dashboard.errors import AnalysisError
from dashboard.store import database

MAP_POINTS = 5_000


def models_dir(conn: duckdb.DuckDBPyConnection) -> Path:
    """Where fitted pipelines go: ``models/`` beside the database's ``data/`` directory.

    A database outside a ``data/`` directory (a test's tmp_path) keeps ``models/`` beside it.
    """
    row = conn.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    db_file = Path(row[0]) if row and row[0] else database.resolve_db_path()
    parent = db_file.resolve().parent
    return (parent.parent if parent.name == "data" else parent) / "models"


def _json(value) -> str:
    return json.dumps(value, default=lambda v: v.item() if hasattr(v, "item") else str(v))


def _clean(frame: pd.DataFrame | None):
    if frame is None:
        return None
    return json.loads(frame.to_json(orient="records"))


def default_name(run_id: int, k: int) -> str:
    """The name of a run saved without one ("Run 5: 4 clusters"); the page shows it in the
    reader's language (``clusters.default_run_name``)."""
    return f"Run {int(run_id)}: {int(k)} clusters"


def save_run(
    conn: duckdb.DuckDBPyConnection, result: SegmentResult, name: str | None = None
) -> int:
    """Store a run (settings, scores, summary, assignments) and its fitted pipeline; return its id.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    result : SegmentResult
        From :func:`dashboard.clustering.analysis.segment`.
    name : str, optional
        A name for the run; "Run N, k clusters" by default.
    """
    run_id = int(conn.execute("SELECT nextval('segment_run_id_seq')").fetchone()[0])
    name = name or default_name(run_id, result.k)
    folder = models_dir(conn)
    folder.mkdir(parents=True, exist_ok=True)
    model_path = folder / f"segment_run_{run_id}.joblib"
    joblib.dump(result.pipeline, model_path)
    scores = result.scores if result.scores is not None else result.stability
    assignments = result.assignments.assign(run_id=run_id)
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(
            "INSERT INTO segment_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                name,
                datetime.now().replace(microsecond=0),
                result.settings["algorithm"],
                result.k,
                result.settings["k"] == "auto",
                _json(result.columns),
                _json(result.settings),
                _json(_clean(scores)),
                _json(result.summary()),
                len(assignments),
                str(model_path),
                database.content_version(conn),  # the rows it saw (settings do not count)
            ],
        )
        conn.register("new_assignments", assignments)
        conn.execute(
            "INSERT INTO segment_assignments SELECT run_id, customer_id, cluster, map_x, "
            "map_y FROM new_assignments"
        )
        conn.unregister("new_assignments")
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        model_path.unlink(missing_ok=True)
        raise
    return run_id


def list_runs(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Saved runs, newest first: run_id, name, created_at, algorithm, k, k_auto, customers and
    the period the run grouped (period_start, period_end: dates, None when open)."""
    return conn.execute(
        "SELECT run_id, name, created_at, algorithm, k, k_auto, customers, "
        "TRY_CAST(json_extract_string(settings, '$.filters.start') AS DATE) AS period_start, "
        "TRY_CAST(json_extract_string(settings, '$.filters.end') AS DATE) AS period_end "
        "FROM segment_runs ORDER BY run_id DESC"
    ).df()


def load_run(conn: duckdb.DuckDBPyConnection, run_id: int) -> dict:
    """A saved run: its settings, scores (DataFrame), summary, and the profile as a DataFrame."""
    row = conn.execute(
        "SELECT run_id, name, created_at, algorithm, k, k_auto, features, settings, scores, "
        "summary, customers, model_path, data_version FROM segment_runs WHERE run_id = ?",
        [int(run_id)],
    ).fetchone()
    if row is None:
        raise AnalysisError(
            f"There is no saved run {run_id}: list the runs and pick one of them.",
            key="errors.no_run",
            run_id=str(run_id),
        )
    keys = (
        "run_id",
        "name",
        "created_at",
        "algorithm",
        "k",
        "k_auto",
        "features",
        "settings",
        "scores",
        "summary",
        "customers",
        "model_path",
        "data_version",
    )
    run = dict(zip(keys, row, strict=True))
    for key in ("features", "settings", "scores", "summary"):
        run[key] = json.loads(run[key]) if run[key] else None
    run["scores"] = pd.DataFrame(run["scores"] or [])
    run["profile"] = pd.DataFrame(run["summary"]["profile"])
    run["differences"] = pd.DataFrame.from_dict(run["summary"]["differences"], orient="index")
    run["differences"].index = run["differences"].index.astype(int)
    run["filters"] = filters_from_dict(run["settings"].get("filters"))
    return run


def is_stale(conn: duckdb.DuckDBPyConnection, run: dict) -> bool:
    """True when the data changed after the run: its customers may no longer match the data.

    A saved run never changes (audiences refer to it); the data under it may have. The run keeps
    the content version of its time (see :func:`dashboard.store.database.content_version`).
    """
    saw = run["data_version"]
    return saw is not None and saw != database.content_version(conn)


def rerun_settings(run: dict) -> dict:
    """The settings to run a saved run again (features, k, method, gaps), for today's data.

    Returns
    -------
    dict
        ``features``, ``k`` (a number or "auto"), ``algorithm`` and ``fill_missing``, as the
        Clusters page's settings form gives them.
    """
    settings = run["settings"]
    return {
        "features": list(settings["features"]),
        "k": settings["k"],
        "algorithm": settings["algorithm"],
        "fill_missing": bool(settings.get("fill_missing", False)),
    }


def load_model(conn: duckdb.DuckDBPyConnection, run_id: int):
    """The fitted scikit-learn pipeline of a run (to place new customers in its clusters)."""
    path = load_run(conn, run_id)["model_path"]
    if not path or not Path(path).exists():
        raise AnalysisError(
            f"The model file of run {run_id} is missing ({path}): run it again.",
            key="errors.model_missing",
            run_id=str(run_id),
            path=str(path),
        )
    return joblib.load(path)


def rename_cluster(conn: duckdb.DuckDBPyConnection, run_id: int, cluster: int, name: str) -> None:
    """Save a user's name for one cluster of a run (an empty name restores the rule's name)."""
    name = (name or "").strip()
    conn.execute(
        "DELETE FROM segment_cluster_names WHERE run_id = ? AND cluster = ?",
        [int(run_id), int(cluster)],
    )
    if name:
        conn.execute(
            "INSERT INTO segment_cluster_names VALUES (?, ?, ?, now())",
            [int(run_id), int(cluster), name],
        )


def cluster_names(conn: duckdb.DuckDBPyConnection, run_id: int, lang: str = "en") -> dict[int, str]:
    """Each cluster's name: the user's, else the rule's in ``lang``."""
    run = load_run(conn, run_id)
    custom = dict(
        conn.execute(
            "SELECT cluster, name FROM segment_cluster_names WHERE run_id = ?", [int(run_id)]
        ).fetchall()
    )
    return display_names(run["summary"]["name_keys"], custom, lang)


def map_points(
    conn: duckdb.DuckDBPyConnection, run_id: int, limit: int = MAP_POINTS
) -> pd.DataFrame:
    """A sample of the run's customers for the map, every cluster represented (at least 50 each).

    The sample is fixed (by a hash of the customer id), so the map does not change on reruns.
    """
    return conn.execute(
        """
        WITH sized AS (
            SELECT *, count(*) OVER (PARTITION BY cluster) AS size, count(*) OVER () AS total
            FROM segment_assignments WHERE run_id = ?
        )
        SELECT customer_id, cluster, map_x, map_y FROM sized
        QUALIFY row_number() OVER (PARTITION BY cluster ORDER BY hash(customer_id), customer_id)
            <= greatest(50, ceil(? * size / total))
        ORDER BY cluster, customer_id
        """,
        [int(run_id), int(limit)],
    ).df()


def picked_customers(
    conn: duckdb.DuckDBPyConnection, run_id: int, clusters, lang: str = "en"
) -> pd.DataFrame:
    """The customers of the picked clusters with their contact details, for the download.

    The columns come in the order of a campaign's target list (contact details, then the
    cluster), so a mailing tool reads both files alike.
    """
    clusters = sorted({int(c) for c in clusters})
    if not clusters:
        return pd.DataFrame(
            columns=["customer_id", "name", "email", "phone", "country", "cluster", "cluster_name"]
        )
    frame = conn.execute(
        """
        SELECT a.customer_id, c.name, c.email, c.phone, c.country, a.cluster
        FROM segment_assignments a
        LEFT JOIN (SELECT DISTINCT ON (customer_id) * FROM customers) c USING (customer_id)
        WHERE a.run_id = ? AND list_contains(?, a.cluster)
        ORDER BY a.cluster, a.customer_id
        """,
        [int(run_id), clusters],
    ).df()
    names = cluster_names(conn, run_id, lang)
    frame["cluster_name"] = frame["cluster"].map(names)
    return frame


def save_pick(
    conn: duckdb.DuckDBPyConnection, run_id: int, clusters, name: str | None = None
) -> int:
    """Keep the picked clusters of a run for the campaign work that follows; return the pick id.

    Picking the same clusters of the same run again returns the pick already kept.
    """
    clusters = sorted({int(c) for c in clusters})
    if not clusters:
        raise AnalysisError(
            "Pick at least one cluster first (click the map or tick a row).",
            key="errors.pick_empty",
        )
    kept = conn.execute(
        "SELECT pick_id FROM segment_picks WHERE run_id = ? AND clusters = ?::INTEGER[] "
        "ORDER BY pick_id LIMIT 1",
        [int(run_id), clusters],
    ).fetchone()
    if kept:
        return int(kept[0])
    count = conn.execute(
        "SELECT count(*) FROM segment_assignments WHERE run_id = ? AND list_contains(?, cluster)",
        [int(run_id), clusters],
    ).fetchone()[0]
    pick_id = int(conn.execute("SELECT nextval('segment_pick_id_seq')").fetchone()[0])
    conn.execute(
        "INSERT INTO segment_picks VALUES (?, ?, ?, ?, ?, now())",
        [pick_id, int(run_id), clusters, name, int(count)],
    )
    return pick_id


def list_picks(conn: duckdb.DuckDBPyConnection, run_id: int | None = None) -> pd.DataFrame:
    """Saved picks (newest first): pick_id, run_id, clusters, name, customers, picked_at."""
    where = "WHERE run_id = ?" if run_id is not None else ""
    params = [int(run_id)] if run_id is not None else []
    return conn.execute(
        f"SELECT pick_id, run_id, clusters, name, customers, picked_at FROM segment_picks {where} "
        "ORDER BY pick_id DESC",
        params,
    ).df()


def read_pick(conn: duckdb.DuckDBPyConnection, pick_id: int) -> dict:
    """A kept pick: pick_id, run_id, clusters, name, customers, picked_at."""
    row = conn.execute(
        "SELECT pick_id, run_id, clusters, name, customers, picked_at FROM segment_picks "
        "WHERE pick_id = ?",
        [int(pick_id)],
    ).fetchone()
    if row is None:
        raise AnalysisError(
            f"There is no kept pick {pick_id}: pick clusters on the Clusters page.",
            key="errors.no_pick",
            pick_id=str(pick_id),
        )
    keys = ("pick_id", "run_id", "clusters", "name", "customers", "picked_at")
    return dict(zip(keys, row, strict=True))


def pick_customers(conn: duckdb.DuckDBPyConnection, pick_id: int, lang: str = "en") -> pd.DataFrame:
    """The customers of a kept pick (the campaign audience), as saved with its run."""
    pick = read_pick(conn, pick_id)
    return picked_customers(conn, pick["run_id"], pick["clusters"], lang)


def compare_runs(
    conn: duckdb.DuckDBPyConnection, run_a: int, run_b: int
) -> tuple[pd.DataFrame, float]:
    """How customers moved between two runs.

    Returns
    -------
    tuple of (pandas.DataFrame, float)
        Customers per (cluster_a, cluster_b) among customers in both runs, and the adjusted Rand
        index of the two assignments (1: the same grouping).
    """
    moves = conn.execute(
        """
        SELECT a.cluster AS cluster_a, b.cluster AS cluster_b, count(*) AS customers
        FROM segment_assignments a
        JOIN segment_assignments b USING (customer_id)
        WHERE a.run_id = ? AND b.run_id = ?
        GROUP BY ALL ORDER BY cluster_a, cluster_b
        """,
        [int(run_a), int(run_b)],
    ).df()
    if moves.empty:
        raise AnalysisError(
            f"Runs {run_a} and {run_b} share no customers: nothing to compare.",
            key="errors.runs_disjoint",
            run_a=str(run_a),
            run_b=str(run_b),
        )
    labels_a = np.repeat(moves["cluster_a"].to_numpy(), moves["customers"].to_numpy())
    labels_b = np.repeat(moves["cluster_b"].to_numpy(), moves["customers"].to_numpy())
    return moves, float(adjusted_rand_score(labels_a, labels_b))


def clusters_by_tier(
    conn: duckdb.DuckDBPyConnection, run_id: int, by: str = "revenue"
) -> pd.DataFrame:
    """Customers of each cluster in each value tier (the run's period, the saved tier rule).

    Returns
    -------
    pandas.DataFrame
        ``cluster``, ``tier``, ``customers``, ``share_of_cluster``.
    """
    from dashboard.value import cache, cost_model, pyramid

    run = load_run(conn, run_id)
    model = cost_model.load_cost_model(conn)
    tiers_sql, params = pyramid.customer_tiers_sql(
        run["filters"],
        by=by,
        rule=pyramid.load_tier_rule(conn),
        cost_model=model,
        # the period's value table as the pyramid reads it (kept in the file when prepared)
        source=cache.source(conn, run["filters"], model),
    )
    return conn.execute(
        f"""
        WITH tiers AS ({tiers_sql}),
        counted AS (
            SELECT a.cluster, coalesce(t.tier, 'inactive') AS tier, count(*) AS customers
            FROM segment_assignments a LEFT JOIN tiers t USING (customer_id)
            WHERE a.run_id = ?
            GROUP BY ALL
        )
        SELECT *, customers / sum(customers) OVER (PARTITION BY cluster) AS share_of_cluster
        FROM counted ORDER BY cluster, tier
        """,
        [*params, int(run_id)],
    ).df()


def prepare_first_run(conn: duckdb.DuckDBPyConnection, filters, name: str) -> dict:
    """Make ahead the run the Clusters page makes on its first view of data without one (the
    recommended settings on ``filters``, the pages' default period), so that the page reads a
    saved run instead of fitting one; the prepare step calls it after an import or a demo load.

    The run is saved as any other, with ``prepared`` in its settings (the page says so). When a
    prepared run of this period was saved on the file's rows already, nothing is made again.

    Returns
    -------
    dict
        ``run_id``, ``customers``, ``k``, ``seconds`` and ``made`` (False when it was there).
    """
    import time

    from dashboard.clustering import analysis
    from dashboard.clustering.features import DEFAULT_FEATURES
    from dashboard.clustering.pipeline import ALGORITHMS

    period = analysis._filters_dict(filters)
    for run_id, settings, saw in conn.execute(
        "SELECT run_id, settings, data_version FROM segment_runs ORDER BY run_id DESC"
    ).fetchall():
        settings = json.loads(settings) if settings else {}
        if (
            settings.get("prepared")
            and settings.get("filters") == period
            and saw == database.content_version(conn)
        ):
            row = conn.execute(
                "SELECT customers, k FROM segment_runs WHERE run_id = ?", [run_id]
            ).fetchone()
            return {"run_id": run_id, "customers": row[0], "k": row[1], "made": False}
    began = time.perf_counter()
    result = analysis.segment(
        conn,
        filters,
        list(DEFAULT_FEATURES),
        "auto",
        ALGORITHMS[0],
        False,
        skip_uninformative=True,  # as the page's first run: the data may lack some features
    )
    result.settings["prepared"] = True
    run_id = save_run(conn, result, name)
    return {
        "run_id": run_id,
        "customers": result.customers,
        "k": result.k,
        "seconds": round(time.perf_counter() - began, 1),
        "made": True,
    }
