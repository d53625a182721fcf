"""The scikit-learn pipeline: fill, log-transform skewed columns, robust scaling, clustering."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin, clone
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.mixture import GaussianMixture
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, RobustScaler

from dashboard.clustering.features import feature_spec

ALGORITHMS = ("kmeans", "gmm")
#: Above this many customers KMeans becomes MiniBatchKMeans and GaussianMixture fits on a sample.
LARGE = 100_000
GMM_SAMPLE = 100_000
PREPARE_SAMPLE = 200_000
RANDOM_STATE = 42


def signed_log1p(values):
    """log(1 + |x|) with the sign of x: tames skewed money and counts, keeps negatives ordered."""
    return np.sign(values) * np.log1p(np.abs(values))


class Winsorizer(TransformerMixin, BaseEstimator):
    """Clip each column to its learned low and high quantiles, so a few extreme customers
    (who returned everything, or bought a thousand times) do not get clusters of their own.

    Parameters
    ----------
    quantiles : tuple of float
        The low and high quantiles to clip at.
    """

    def __init__(self, quantiles=(0.01, 0.99)):
        self.quantiles = quantiles

    def fit(self, X, y=None):
        """Learn the clipping bounds of each column."""
        X = np.asarray(X, dtype=float)
        self.low_, self.high_ = np.nanquantile(X, self.quantiles, axis=0)
        return self

    def transform(self, X):
        """Clip to the learned bounds."""
        return np.clip(np.asarray(X, dtype=float), self.low_, self.high_)


def build_preprocessor(columns) -> Pipeline:
    """Median fill, signed log of skewed columns, clipping at the 1st and 99th percentiles, robust
    scaling (5th-95th percentile range).

    The wide quantile range gives a scale to features where most customers are zero
    (complaint rate), which the interquartile range would leave unscaled.
    """
    columns = list(columns)
    skewed = [c for c in columns if feature_spec(c).log]
    plain = [c for c in columns if c not in skewed]
    branches = []
    if skewed:
        log = FunctionTransformer(signed_log1p, feature_names_out="one-to-one")
        branches.append(("log", make_pipeline(SimpleImputer(strategy="median"), log), skewed))
    if plain:
        branches.append(("plain", SimpleImputer(strategy="median"), plain))
    return Pipeline(
        [
            ("transform", ColumnTransformer(branches, verbose_feature_names_out=False)),
            ("clip", Winsorizer()),
            ("scale", RobustScaler(quantile_range=(5.0, 95.0))),
        ]
    )


class CanonicalClusterer(ClusterMixin, BaseEstimator):
    """KMeans, MiniBatchKMeans or GaussianMixture with labels renumbered by descending size.

    Cluster 0 is always the largest, so colours and names stay put when a run is repeated.

    Parameters
    ----------
    n_clusters : int
        The number of clusters.
    algorithm : {"kmeans", "gmm"}
        KMeans (MiniBatchKMeans above ``large`` customers) or a Gaussian mixture.
    large : int
        The number of customers from which the faster variants are used.
    random_state : int
        Seed: the same data and settings give the same clusters.
    n_init : int
        Starts of k-means (the best is kept); GaussianMixture uses half as many.
    """

    def __init__(
        self, n_clusters=4, algorithm="kmeans", large=LARGE, random_state=RANDOM_STATE, n_init=4
    ):
        self.n_clusters = n_clusters
        self.algorithm = algorithm
        self.large = large
        self.random_state = random_state
        self.n_init = n_init

    def _make_estimator(self, n_rows: int):
        if self.algorithm == "gmm":
            return GaussianMixture(
                self.n_clusters,
                covariance_type="full",
                n_init=max(1, self.n_init // 2),
                reg_covar=1e-4,
                random_state=self.random_state,
            )
        if self.algorithm != "kmeans":
            raise ValueError(f"algorithm must be one of {ALGORITHMS}, not {self.algorithm!r}")
        if n_rows > self.large:
            return MiniBatchKMeans(
                self.n_clusters, batch_size=8192, n_init=self.n_init, random_state=self.random_state
            )
        return KMeans(self.n_clusters, n_init=self.n_init, random_state=self.random_state)

    def fit(self, X, y=None):
        """Fit the clustering and learn the size order of the clusters."""
        X = np.asarray(X, dtype=float)
        self.estimator_ = self._make_estimator(len(X))
        train = X
        if self.algorithm == "gmm" and len(X) > GMM_SAMPLE:
            rng = np.random.default_rng(self.random_state)
            train = X[rng.choice(len(X), GMM_SAMPLE, replace=False)]
        self.estimator_.fit(train)
        fitted_labels = getattr(self.estimator_, "labels_", None)
        raw = (
            fitted_labels
            if train is X and fitted_labels is not None
            else self.estimator_.predict(X)
        )
        sizes = np.bincount(raw, minlength=self.n_clusters)
        order = np.argsort(-sizes, kind="stable")  # canonical number -> raw number
        self.mapping_ = np.empty(self.n_clusters, dtype=int)
        self.mapping_[order] = np.arange(self.n_clusters)
        self.labels_ = self.mapping_[raw]
        self.algorithm_used_ = type(self.estimator_).__name__
        return self

    def renumber_by(self, labels: np.ndarray) -> np.ndarray:
        """Renumber the clusters by descending size among ``labels`` (canonical labels of more
        rows than it was fitted on, e.g. every customer after a fit on a sample); returns the
        labels renumbered."""
        sizes = np.bincount(labels, minlength=self.n_clusters)
        order = np.argsort(-sizes, kind="stable")  # new number -> old number
        renumber = np.empty(self.n_clusters, dtype=int)
        renumber[order] = np.arange(self.n_clusters)
        self.mapping_ = renumber[self.mapping_]
        self.labels_ = renumber[self.labels_]
        return renumber[labels]

    def predict(self, X):
        """The canonical cluster of each row."""
        return self.mapping_[self.estimator_.predict(np.asarray(X, dtype=float))]

    def centers(self) -> np.ndarray:
        """Cluster centres in the scaled feature space, in canonical order."""
        raw = getattr(self.estimator_, "cluster_centers_", None)
        if raw is None:
            raw = self.estimator_.means_
        out = np.empty_like(raw)
        out[self.mapping_] = raw
        return out


def prepare(
    frame: pd.DataFrame, columns, sample: int = PREPARE_SAMPLE, random_state: int = RANDOM_STATE
) -> tuple[Pipeline, np.ndarray]:
    """Fit the preprocessing (on a sample when customers are many) and scale every customer.

    Medians and percentiles of a 200,000-customer sample are as good as those of all customers.
    """
    preprocessor = build_preprocessor(columns)
    data = frame[list(columns)]
    if len(data) > sample:
        rows = np.random.default_rng(random_state).choice(len(data), sample, replace=False)
        preprocessor.fit(data.iloc[np.sort(rows)])
    else:
        preprocessor.fit(data)
    return preprocessor, np.asarray(preprocessor.transform(data), dtype=float)


def fit_clusters(
    preprocessor: Pipeline,
    X: np.ndarray,
    k: int,
    algorithm: str = "kmeans",
    random_state: int = RANDOM_STATE,
) -> Pipeline:
    """Fit the clustering on already scaled data and return the whole fitted pipeline.

    Parameters
    ----------
    preprocessor : Pipeline
        Fitted by :func:`prepare`.
    X : numpy.ndarray
        The scaled matrix from :func:`prepare`.
    k : int
        The number of clusters.
    algorithm : {"kmeans", "gmm"}
        See :class:`CanonicalClusterer`.
    random_state : int
        Seed.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``prepare`` and ``cluster``; ``pipeline["cluster"].labels_`` are the clusters.
    """
    clusterer = CanonicalClusterer(k, algorithm=algorithm, random_state=random_state).fit(X)
    return Pipeline([("prepare", preprocessor), ("cluster", clusterer)])


def fit_pipeline(
    frame: pd.DataFrame,
    columns,
    k: int,
    algorithm: str = "kmeans",
    random_state: int = RANDOM_STATE,
) -> Pipeline:
    """Preprocess and cluster in one call (the whole pipeline fitted on ``frame[columns]``)."""
    preprocessor, X = prepare(frame, columns)
    return fit_clusters(preprocessor, X, k, algorithm, random_state)


def clone_clusterer(pipeline: Pipeline) -> CanonicalClusterer:
    """An unfitted copy of the pipeline's clusterer (for resampling)."""
    return clone(pipeline["cluster"])


def map_coordinates(
    X: np.ndarray, sample: int = 50_000, random_state: int = RANDOM_STATE
) -> tuple[np.ndarray, np.ndarray]:
    """Two principal components of the scaled data for the customer map.

    Returns
    -------
    tuple of numpy.ndarray
        The (n, 2) coordinates and the share of the spread each axis explains.
    """
    projection = fit_map(X, sample, random_state)
    return projection.transform(X), projection.variance


class MapProjection:
    """The customer map's two principal components, fitted once, applied to any rows."""

    def __init__(self, pca: PCA):
        self.pca = pca
        # Fix the sign of each axis so the map does not flip between identical runs.
        components = pca.components_
        self.signs = np.sign(components[np.arange(2), np.abs(components).argmax(axis=1)])
        self.variance = pca.explained_variance_ratio_

    def transform(self, X: np.ndarray) -> np.ndarray:
        """The (n, 2) map coordinates of scaled rows."""
        return self.pca.transform(X) * self.signs


def fit_map(X: np.ndarray, sample: int = 50_000, random_state: int = RANDOM_STATE) -> MapProjection:
    """Fit the customer map's projection on (a sample of) the scaled rows."""
    rng = np.random.default_rng(random_state)
    fit_rows = X if len(X) <= sample else X[rng.choice(len(X), sample, replace=False)]
    return MapProjection(PCA(n_components=2, random_state=random_state).fit(fit_rows))
