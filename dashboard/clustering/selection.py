"""Choosing the number of clusters (silhouette, Davies-Bouldin, elbow) and checking stability."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, davies_bouldin_score, silhouette_score

from dashboard.clustering.pipeline import RANDOM_STATE, CanonicalClusterer
from dashboard.errors import AnalysisError

K_MIN, K_MAX = 2, 12
#: Customers per cluster below which a clustering says nothing.
MIN_PER_CLUSTER = 3
SCORE_SAMPLE = 20_000
SILHOUETTE_SAMPLE = 5_000
STABILITY_SAMPLE = 3_000
RESAMPLES = 3
#: Mean adjusted Rand index under which clusters are called unstable (Hennig's rule of thumb).
STABLE_ARI = 0.75
#: A clustering with a cluster smaller than this share of customers is not recommended.
MIN_CLUSTER_SHARE = 0.02
#: Silhouettes this close to the best count as a tie, and the smaller k wins.
SILHOUETTE_TIE = 0.01


def check_k(n_customers: int, k: int) -> None:
    """Raise AnalysisError when there are too few customers for ``k`` clusters."""
    if not K_MIN <= k <= K_MAX:
        raise AnalysisError(
            f"Choose between {K_MIN} and {K_MAX} clusters (not {k}).",
            key="errors.k_out_of_range",
            k_min=K_MIN,
            k_max=K_MAX,
            k=k,
        )
    if n_customers < MIN_PER_CLUSTER * k:
        raise AnalysisError(
            key="errors.too_few_customers",
            customers=n_customers,
            k=k,
            needed=MIN_PER_CLUSTER * k,
        )


def candidate_ks(n_customers: int) -> list[int]:
    """The numbers of clusters worth trying for this many customers (2 to 12)."""
    top = min(K_MAX, n_customers // MIN_PER_CLUSTER)
    if top < K_MIN:
        check_k(n_customers, K_MIN)
    return list(range(K_MIN, top + 1))


def _sample(X: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    return X if len(X) <= size else X[rng.choice(len(X), size, replace=False)]


def _inertia(X: np.ndarray, labels: np.ndarray) -> float:
    total = 0.0
    for cluster in np.unique(labels):
        members = X[labels == cluster]
        total += float(((members - members.mean(axis=0)) ** 2).sum())
    return total


def score_k(
    X: np.ndarray,
    ks=None,
    algorithm: str = "kmeans",
    random_state: int = RANDOM_STATE,
    progress=None,
) -> pd.DataFrame:
    """Fit each k on a sample and score it.

    Parameters
    ----------
    X : numpy.ndarray
        The scaled customers.
    ks : iterable of int, optional
        Defaults to :func:`candidate_ks`.
    algorithm : {"kmeans", "gmm"}
        The clustering to score.
    random_state : int
        Seed for the samples and fits.
    progress : callable, optional
        Called with a fraction in [0, 1] after each k.

    Returns
    -------
    pandas.DataFrame
        One row per k: ``k``, ``inertia`` (within-cluster sum of squares per customer),
        ``silhouette`` (higher is better), ``davies_bouldin`` (lower is better) and
        ``smallest_share`` (the smallest cluster's share of the customers).
    """
    ks = list(ks or candidate_ks(len(X)))
    rng = np.random.default_rng(random_state)
    sample = _sample(X, SCORE_SAMPLE, rng)
    rows = []
    for i, k in enumerate(ks):
        model = CanonicalClusterer(k, algorithm=algorithm, random_state=random_state).fit(sample)
        labels = model.labels_
        if len(np.unique(labels)) < 2:
            silhouette, db = np.nan, np.nan
        else:
            silhouette = silhouette_score(
                sample,
                labels,
                sample_size=min(SILHOUETTE_SAMPLE, len(sample)),
                random_state=random_state,
            )
            db = davies_bouldin_score(sample, labels)
        rows.append(
            {
                "k": k,
                "inertia": _inertia(sample, labels) / len(sample),
                "silhouette": float(silhouette),
                "davies_bouldin": float(db),
                "smallest_share": float(np.bincount(labels).min() / len(labels)),
            }
        )
        if progress:
            progress((i + 1) / len(ks))
    return pd.DataFrame(rows)


def elbow_k(scores: pd.DataFrame) -> int:
    """The k where the inertia curve bends most: farthest from the line joining its ends."""
    ks = scores["k"].to_numpy(dtype=float)
    inertia = scores["inertia"].to_numpy(dtype=float)
    if len(ks) < 3 or inertia[0] == inertia[-1]:
        return int(ks[0])
    x = (ks - ks[0]) / (ks[-1] - ks[0])
    y = (inertia - inertia[-1]) / (inertia[0] - inertia[-1])
    distance = (1 - x) - y  # the chord runs from (0, 1) to (1, 0)
    return int(ks[int(np.argmax(distance))])


def left_out_reasons(scores: pd.DataFrame) -> dict[int, list[str]]:
    """Why each k a marketer could not act on is not recommended.

    Returns
    -------
    dict
        k -> its reasons, in this order: ``"small"`` (a cluster under
        :data:`MIN_CLUSTER_SHARE` of the customers) and ``"unstable"`` (resampled fits agree
        below :data:`STABLE_ARI`). A k that passes is not a key.
    """
    reasons = {}
    for row in scores.to_dict(orient="records"):
        found = []
        if "smallest_share" in row and not row["smallest_share"] >= MIN_CLUSTER_SHARE:
            found.append("small")
        if "is_stable" in row and not bool(row["is_stable"]):
            found.append("unstable")
        if found:
            reasons[int(row["k"])] = found
    return reasons


def k_ranges(ks) -> str:
    """Numbers of clusters as a short list, runs joined by a dash: [2, 6, 7, 8] -> "2, 6–8"."""
    runs: list[list[int]] = []
    for k in sorted({int(k) for k in ks}):
        if runs and k == runs[-1][1] + 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    return ", ".join(
        str(first)
        if first == last
        else f"{first}, {last}"
        if last == first + 1
        else f"{first}–{last}"
        for first, last in runs
    )


def recommend_k(scores: pd.DataFrame) -> dict:
    """The recommended k and why, from the scores of :func:`score_k` (and :func:`stability`).

    Only clusterings a marketer can act on compete: every cluster at least 2% of the customers
    and, where stability was measured, stable. Among them the highest silhouette wins; near-ties
    (within 0.01) go to the smaller k. Davies-Bouldin and the elbow are reported beside it. When no
    k passes, all compete.

    Returns
    -------
    dict
        ``k``, ``silhouette``, ``davies_bouldin``, ``best_davies_bouldin_k``, ``elbow_k``,
        ``left_out`` (the ks that did not pass) and ``reason`` (a translation key).
    """
    valid = scores.dropna(subset=["silhouette"])
    if valid.empty:
        raise AnalysisError(
            "No number of clusters separates these customers: try other features.",
            key="errors.no_k_separates",
        )
    usable = valid[~valid["k"].isin(list(left_out_reasons(valid)))]
    if usable.empty:
        usable = valid
    best = usable["silhouette"].max()
    chosen = usable[usable["silhouette"] >= best - SILHOUETTE_TIE].sort_values("k").iloc[0]
    k = int(chosen["k"])
    db_k = int(usable.sort_values(["davies_bouldin", "k"]).iloc[0]["k"])
    elbow = elbow_k(scores)
    agree = {db_k == k, elbow == k}
    reason = "clusters.reason.all_agree" if agree == {True} else "clusters.reason.silhouette"
    return {
        "k": k,
        "silhouette": float(chosen["silhouette"]),
        "davies_bouldin": float(chosen["davies_bouldin"]),
        "best_davies_bouldin_k": db_k,
        "elbow_k": elbow,
        "left_out": sorted(int(v) for v in set(valid["k"]) - set(usable["k"])),
        "reason": reason,
    }


def stability(
    X: np.ndarray,
    ks,
    algorithm: str = "kmeans",
    resamples: int = RESAMPLES,
    random_state: int = RANDOM_STATE,
    progress=None,
) -> pd.DataFrame:
    """Agreement of clusterings fitted on pairs of resamples, for each k.

    Two random 80% subsamples are clustered; both models label the same customers and the adjusted
    Rand index (1 = identical, 0 = chance) measures how far they agree.

    Returns
    -------
    pandas.DataFrame
        ``k``, ``stability`` (mean adjusted Rand index), ``is_stable``.
    """
    ks = list(ks)
    rng = np.random.default_rng(random_state + 1)
    base = _sample(X, STABILITY_SAMPLE, rng)
    size = int(0.8 * len(base))
    rows = []
    for i, k in enumerate(ks):
        agreements = []
        for r in range(resamples):
            seed = random_state + 100 * r
            labels = []
            for _ in range(2):
                part = base[rng.choice(len(base), size, replace=False)]
                model = CanonicalClusterer(k, algorithm=algorithm, random_state=seed, n_init=2).fit(
                    part
                )
                labels.append(model.predict(base))
            agreements.append(adjusted_rand_score(*labels))
        mean = float(np.mean(agreements))
        rows.append({"k": k, "stability": mean, "is_stable": mean >= STABLE_ARI})
        if progress:
            progress((i + 1) / len(ks))
    return pd.DataFrame(rows)
