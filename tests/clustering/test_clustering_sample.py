"""Many customers: the clustering is fitted on a random sample and every customer is assigned.

The threshold is lowered through ``segment``'s parameters, so the small test data take the path
that 10 million customers take.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from dashboard.clustering import analysis, features
from dashboard.clustering.analysis import segment
from dashboard.store.filters import Filters
from tests.clustering.test_clustering import plant


def test_a_sampled_fit_assigns_every_customer_to_the_nearest_cluster(demo_conn):
    full = segment(demo_conn, Filters(), k=4)
    sampled = segment(demo_conn, Filters(), k=4, sample_above=1000, fit_sample=800)
    assert full.fit_sample is None and full.summary()["fit_sample"] is None
    assert sampled.fit_sample == 800
    assert sampled.summary()["fit_sample"] == 800
    assert sampled.summary()["customers"] == len(full.assignments) > 1000
    # every buying customer has a cluster and a place on the map, none twice
    assert sorted(sampled.assignments["customer_id"]) == sorted(full.assignments["customer_id"])
    assert sampled.assignments["customer_id"].is_unique
    assert sampled.assignments[["cluster", "map_x", "map_y"]].notna().all().all()
    assert sorted(sampled.assignments["cluster"].unique()) == [0, 1, 2, 3]
    # the saved pipeline places each customer where the run put them
    frame = features.read_features(demo_conn, Filters(), features.DEFAULT_FEATURES)
    predicted = sampled.pipeline.predict(frame[sampled.columns])
    np.testing.assert_array_equal(predicted, sampled.assignments["cluster"].to_numpy())
    # the profile counts every customer, not only the sample
    assert sampled.profile["customers"].sum() == len(full.assignments)


def test_the_sample_is_the_same_every_time(demo_conn):
    first = segment(demo_conn, Filters(), k=3, sample_above=1000, fit_sample=800)
    second = segment(demo_conn, Filters(), k=3, sample_above=1000, fit_sample=800)
    pd.testing.assert_frame_equal(first.assignments, second.assignments)
    rows = analysis.sample_rows(demo_conn, 2000, 800, 42)
    assert len(rows) == len(np.unique(rows)) == 800
    np.testing.assert_array_equal(rows, analysis.sample_rows(demo_conn, 2000, 800, 42))
    assert not np.array_equal(rows, analysis.sample_rows(demo_conn, 2000, 800, 43))


def test_a_sampled_fit_finds_the_planted_clusters_of_the_full_fit(conn):
    truth = plant(conn)
    full = segment(conn, k=4)
    sampled = segment(conn, k=4, sample_above=400, fit_sample=400)
    assert sampled.fit_sample == 400 and len(sampled.assignments) == len(truth)
    merged = truth.merge(sampled.assignments, on="customer_id")
    assert adjusted_rand_score(merged["group"], merged["cluster"]) >= 0.9
    assert adjusted_rand_score(full.assignments["cluster"], sampled.assignments["cluster"]) >= 0.9
    # the same clusters, by size, with the same names and nearly the same profiles
    assert sampled.name_keys == full.name_keys
    for column in ("share_customers", "share_revenue"):
        np.testing.assert_allclose(sampled.profile[column], full.profile[column], atol=0.02)


def test_cluster_profiles_of_a_sampled_fit_are_close_to_the_full_fits(demo_conn):
    full = segment(demo_conn, Filters(), k=4)
    sampled = segment(demo_conn, Filters(), k=4, sample_above=1000, fit_sample=1000)
    assert adjusted_rand_score(full.assignments["cluster"], sampled.assignments["cluster"]) >= 0.7
    # clusters are numbered by size: each keeps its share of customers and of revenue
    for column in ("share_customers", "share_revenue"):
        np.testing.assert_allclose(sampled.profile[column], full.profile[column], atol=0.06)
