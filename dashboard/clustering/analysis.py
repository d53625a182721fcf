"""One clustering run from the database to profiles: features, choice of k, fit, map, words."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
from sklearn.pipeline import Pipeline
from threadpoolctl import threadpool_limits

from dashboard.clustering import pipeline as pipe
from dashboard.clustering import profiles, selection
from dashboard.clustering.features import (
    DEFAULT_FEATURES,
    check_features,
    read_features,
    uninformative,
)
from dashboard.errors import AnalysisError
from dashboard.store.filters import Filters
from dashboard.value.cost_model import load_cost_model


@dataclass
class SegmentResult:
    """Everything a run produces; :func:`dashboard.clustering.runs.save_run` stores it."""

    settings: dict
    columns: list[str]
    assignments: pd.DataFrame  # customer_id, cluster, map_x, map_y
    k: int
    algorithm_used: str
    profile: pd.DataFrame
    differences: pd.DataFrame
    name_keys: list[str]
    rules: list[dict]
    scores: pd.DataFrame | None  # per k, when k was chosen automatically
    recommendation: dict | None
    stability: pd.DataFrame
    map_variance: list[float]
    pipeline: Pipeline = field(repr=False)
    #: Customers the model was fitted on when it was fitted on a random sample of them (every
    #: customer is still assigned); None when it was fitted on all of them.
    fit_sample: int | None = None

    @property
    def customers(self) -> int:
        """The customers clustered (every one assigned)."""
        return len(self.assignments)

    @property
    def is_stable(self) -> bool:
        """True when resampled fits agree at the chosen k."""
        row = self.stability[self.stability["k"] == self.k]
        return bool(row["is_stable"].iloc[0]) if len(row) else True

    def summary(self) -> dict:
        """The JSON-ready part kept with a saved run: profiles, differences, names, rules."""
        return {
            "profile": self.profile.to_dict(orient="records"),
            "differences": {str(c): row.to_dict() for c, row in self.differences.iterrows()},
            "name_keys": self.name_keys,
            "rules": self.rules,
            "recommendation": self.recommendation,
            "map_variance": self.map_variance,
            "algorithm_used": self.algorithm_used,
            "fit_sample": self.fit_sample,
            "customers": self.customers,
        }


def _step(progress, fraction: float, key: str) -> None:
    if progress:
        progress(fraction, key)


def segment(conn, *args, **kwargs) -> SegmentResult:
    """Cluster the customers who bought in the period (see :func:`_segment` for the arguments).

    Native thread pools are held to one thread: on a shared machine OpenMP threads that spin
    waiting for each other make small k-means fits 10-20 times slower.
    """
    with threadpool_limits(limits=1):
        return _segment(conn, *args, **kwargs)


def _segment(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters | None = None,
    features=DEFAULT_FEATURES,
    k: int | str = "auto",
    algorithm: str = "kmeans",
    fill_missing: bool = False,
    random_state: int = pipe.RANDOM_STATE,
    cost_model=None,
    progress=None,
    skip_uninformative: bool = False,
    sample_above: int | None = None,
    fit_sample: int | None = None,
) -> SegmentResult:
    """Cluster the customers who bought in the period.

    Parameters
    ----------
    conn : duckdb.DuckDBPyConnection
        The dashboard database.
    filters : Filters, optional
        The period and segment (all data by default).
    features : sequence of str
        Feature names (see ``features.FEATURES``).
    k : int or "auto"
        The number of clusters, or "auto" to choose it from 2 to 12.
    algorithm : {"kmeans", "gmm"}
        KMeans (MiniBatchKMeans for many customers) or a Gaussian mixture.
    fill_missing : bool
        Fill missing feature values (customers without an NPS answer) with the median.
    random_state : int
        Seed: the same data and settings give the same clusters.
    cost_model : optional
        Passed to the customer value table; the saved cost model by default.
    progress : callable, optional
        ``progress(fraction, key)`` with a translation key naming the step.
    skip_uninformative : bool
        Leave out features that are empty or the same for everyone (used for the default
        features, which the data may not support, e.g. no categories) instead of stopping.
        They are listed in ``settings["left_out"]``.
    sample_above : int, optional
        Above this many customers the model (scaling, choice of k, clusters, map) is fitted on a
        random sample of ``fit_sample`` of them, drawn in DuckDB, and then every customer is
        assigned to the nearest cluster in batches; :data:`SAMPLE_ABOVE` by default.
    fit_sample : int, optional
        The size of that sample; :data:`FIT_SAMPLE` by default.

    Returns
    -------
    SegmentResult
    """
    filters = filters or Filters()
    cost_model = cost_model or load_cost_model(conn)
    if algorithm not in pipe.ALGORITHMS:
        raise ValueError(f"algorithm must be one of {pipe.ALGORITHMS}")
    _step(progress, 0.02, "clusters.progress.features")
    frame = read_features(conn, filters, features, cost_model)
    columns = frame.attrs["columns"]
    dropped = uninformative(frame, columns) if skip_uninformative else []
    columns = [c for c in columns if c not in dropped]
    check_features(frame, columns, fill_missing)
    sample_above = SAMPLE_ABOVE if sample_above is None else int(sample_above)
    fit_sample = min(FIT_SAMPLE if fit_sample is None else int(fit_sample), sample_above)
    sampled = len(frame) > sample_above
    if sampled:
        rows = sample_rows(conn, len(frame), fit_sample, random_state)
        preprocessor, X = pipe.prepare(frame.iloc[rows], columns, random_state=random_state)
    else:
        preprocessor, X = pipe.prepare(frame, columns)
    chosen, scores, recommendation, stable = _choose_k(X, k, algorithm, random_state, progress)
    _step(progress, 0.72, "clusters.progress.fit")
    fitted = pipe.fit_clusters(preprocessor, X, chosen, algorithm, random_state)
    if sampled:
        projection = pipe.fit_map(X, random_state=random_state)
        del X
        _step(progress, 0.8, "clusters.progress.assign")
        labels, coords = _assign(fitted, projection, frame, columns)
        labels = fitted["cluster"].renumber_by(labels)  # cluster 0: the largest of all
        variance = projection.variance
        labels = _check_labels(labels, chosen)
    else:
        labels = _check_labels(fitted["cluster"].labels_, chosen)
    _step(progress, 0.85, "clusters.progress.profiles")
    table = profiles.profile(frame, columns, labels)
    diffs = profiles.differences(frame, columns, labels)
    if not sampled:
        coords, variance = pipe.map_coordinates(X, random_state=random_state)
    result = SegmentResult(
        settings={
            "filters": _filters_dict(filters),
            "features": list(features),
            "k": k,
            "algorithm": algorithm,
            "fill_missing": fill_missing,
            "random_state": random_state,
            "left_out": dropped,
        },
        columns=list(columns),
        assignments=_assignments(frame, labels, coords),
        k=chosen,
        algorithm_used=fitted["cluster"].algorithm_used_,
        profile=table,
        differences=diffs,
        name_keys=profiles.name_keys(table, diffs),
        rules=profiles.cluster_rules(frame, columns, labels, random_state=random_state),
        scores=scores,
        recommendation=recommendation,
        stability=stable,
        map_variance=[float(v) for v in variance],
        pipeline=fitted,
        fit_sample=fit_sample if sampled else None,
    )
    _step(progress, 1.0, "clusters.progress.done")
    return result


#: Above this many customers the clustering is fitted on a random sample (see :func:`segment`).
SAMPLE_ABOVE = 500_000
#: The size of that sample.
FIT_SAMPLE = 500_000
#: Customers assigned at a time when every customer is assigned to a sampled fit.
ASSIGN_BATCH = 1_000_000


def sample_rows(conn: duckdb.DuckDBPyConnection, n: int, size: int, seed: int) -> np.ndarray:
    """A reproducible random sample of ``size`` of the row numbers 0..n-1, sorted.

    Drawn in DuckDB (reservoir sampling with a fixed seed over the row numbers of the features,
    which are ordered by customer id), so the same data and seed give the same customers.
    """
    sql = (
        f"SELECT i FROM range({int(n)}) r(i) "
        f"USING SAMPLE reservoir({int(size)} ROWS) REPEATABLE ({int(seed)})"
    )
    rows = conn.execute(sql).fetchnumpy()["i"]
    return np.sort(np.asarray(rows, dtype=np.int64))


def _assign(fitted: Pipeline, projection, frame: pd.DataFrame, columns):
    """Every customer's cluster and map position under a fitted pipeline, in batches."""
    n = len(frame)
    labels = np.empty(n, dtype=np.int64)
    coords = np.empty((n, 2), dtype=float)
    data = frame[list(columns)]
    for start in range(0, n, ASSIGN_BATCH):
        stop = min(n, start + ASSIGN_BATCH)
        X = np.asarray(fitted["prepare"].transform(data.iloc[start:stop]), dtype=float)
        labels[start:stop] = fitted["cluster"].predict(X)
        coords[start:stop] = projection.transform(X)
    return labels, coords


def _choose_k(X: np.ndarray, k, algorithm: str, random_state: int, progress):
    """The k to fit, the scores per k and the recommendation (when automatic), the stability."""
    if k == "auto":
        ks = selection.candidate_ks(len(X))
        scores = selection.score_k(
            X, ks, algorithm, random_state,
            lambda f: _step(progress, 0.1 + 0.4 * f, "clusters.progress.k"),
        )  # fmt: skip
    else:
        ks, scores = [int(k)], None
        selection.check_k(len(X), ks[0])
    stable = selection.stability(
        X, ks, algorithm, random_state=random_state,
        progress=lambda f: _step(progress, 0.5 + 0.2 * f, "clusters.progress.stability"),
    )  # fmt: skip
    if scores is None:
        return ks[0], None, None, stable
    scores = scores.merge(stable, on="k", how="left")
    recommendation = selection.recommend_k(scores)
    return recommendation["k"], scores, recommendation, stable


def _check_labels(labels: np.ndarray, k: int) -> np.ndarray:
    found = len(np.unique(labels))
    if found < k:
        raise AnalysisError(
            key="errors.too_few_groups",
            found=found,
        )
    return labels


def _assignments(frame: pd.DataFrame, labels: np.ndarray, coords: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": frame["customer_id"].to_numpy(),
            "cluster": labels.astype(np.int32),
            "map_x": coords[:, 0],
            "map_y": coords[:, 1],
        }
    )


def _filters_dict(filters: Filters) -> dict:
    return {
        "start": filters.start.isoformat() if filters.start else None,
        "end": filters.end.isoformat() if filters.end else None,
        "countries": list(filters.countries),
        "channels": list(filters.channels),
        "categories": list(filters.categories),
    }


def filters_from_dict(data: dict | None) -> Filters:
    """The Filters a run was made with (from its saved settings)."""
    from datetime import date

    data = data or {}
    return Filters(
        start=date.fromisoformat(data["start"]) if data.get("start") else None,
        end=date.fromisoformat(data["end"]) if data.get("end") else None,
        countries=tuple(data.get("countries", ())),
        channels=tuple(data.get("channels", ())),
        categories=tuple(data.get("categories", ())),
    )
