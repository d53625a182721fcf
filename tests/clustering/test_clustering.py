"""Clustering core: planted clusters are recovered, k is recommended, runs are deterministic."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from dashboard.clustering import features, pipeline, profiles, selection
from dashboard.clustering.analysis import segment
from dashboard.errors import AnalysisError

END = datetime(2025, 12, 31, 12)
CATEGORIES = ("books", "toys", "garden", "kitchen", "games", "tools")
#: Four kinds of customer: (group, customers, orders, days ago of the orders, order value,
#: categories, share of orders returned).
GROUPS = (
    ("loyal", 120, (15, 25), (10, 700), (150, 250), 5, 0.0),
    ("new_one_time", 300, (1, 1), (3, 40), (20, 40), 1, 0.0),
    ("lapsing", 180, (6, 10), (260, 700), (50, 80), 2, 0.0),
    ("returners", 150, (4, 6), (15, 300), (90, 120), 3, 0.45),
)


def plant(conn, seed: int = 1) -> pd.DataFrame:
    """Fill ``conn`` with customers of the four planted kinds; return customer_id -> group."""
    rng = np.random.default_rng(seed)
    lines, people = [], []
    for group, count, orders, days, value, categories, returned in GROUPS:
        for i in range(count):
            customer = f"{group}-{i:04d}"
            people.append((customer, group))
            for o in range(int(rng.integers(orders[0], orders[1] + 1))):
                at = END - timedelta(days=float(rng.uniform(*days)))
                amount = float(rng.uniform(*value))
                category = CATEGORIES[o % categories]
                order = f"{customer}-{o}"
                lines.append((customer, order, at, amount, amount * 0.6, category, "web"))
                if o and rng.random() < returned:  # the first order is always kept
                    lines.append(
                        (
                            customer,
                            order,
                            at + timedelta(days=5),
                            -amount,
                            -amount * 0.6,
                            category,
                            "web",
                        )
                    )
    tx = pd.DataFrame(
        lines,
        columns=["customer_id", "order_id", "ordered_at", "revenue", "cost", "category", "channel"],
    )
    conn.register("planted_tx", tx)
    conn.execute(
        "INSERT INTO transactions (customer_id, order_id, ordered_at, revenue, cost, "
        "category, channel) SELECT * FROM planted_tx"
    )
    conn.unregister("planted_tx")
    truth = pd.DataFrame(people, columns=["customer_id", "group"])
    conn.register("planted_people", truth)
    conn.execute(
        "INSERT INTO customers (customer_id, name, email, country) SELECT customer_id, "
        "'Customer ' || customer_id, customer_id || '@example.com', 'UK' "
        "FROM planted_people"
    )
    conn.unregister("planted_people")
    return truth


@pytest.fixture
def planted(conn):
    return conn, plant(conn)


def test_features_are_computed_per_buying_customer(planted):
    conn, truth = planted
    frame = features.read_features(conn, features.Filters(), features.DEFAULT_FEATURES)
    assert len(frame) == len(truth)
    one_time = frame[frame["customer_id"].str.startswith("new_one_time")]
    assert (one_time["orders"] == 1).all()
    assert one_time["recency_days"].between(0, 46).all()  # returns may end the data
    returners = frame[frame["customer_id"].str.startswith("returners")]
    assert returners["return_rate"].mean() > 0.2
    assert (frame[frame["customer_id"].str.startswith("loyal")]["categories"] == 5).all()


def test_planted_clusters_are_recovered_and_k_recommended(planted):
    conn, truth = planted
    result = segment(conn, k="auto")
    assert result.k == 4
    assert result.recommendation["k"] == 4
    merged = truth.merge(result.assignments, on="customer_id")
    assert adjusted_rand_score(merged["group"], merged["cluster"]) >= 0.9
    assert result.is_stable
    # Cluster 0 is the largest: the 300 new one-time buyers.
    assert result.profile.loc[0, "customers"] == 300
    assert result.name_keys[0] == "clusters.name.new_one_time"


def test_same_data_and_settings_give_the_same_clusters(planted):
    conn, _ = planted
    first = segment(conn, k=3)
    second = segment(conn, k=3)
    pd.testing.assert_frame_equal(first.assignments, second.assignments)
    assert first.rules == second.rules


def test_gmm_recovers_planted_clusters(planted):
    conn, truth = planted
    result = segment(conn, k=4, algorithm="gmm")
    merged = truth.merge(result.assignments, on="customer_id")
    assert adjusted_rand_score(merged["group"], merged["cluster"]) >= 0.9
    assert result.algorithm_used == "GaussianMixture"


def test_minibatch_is_used_for_many_customers():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (600, 2)), rng.normal(8, 1, (400, 2))])
    model = pipeline.CanonicalClusterer(2, large=500).fit(X)
    assert model.algorithm_used_ == "MiniBatchKMeans"
    assert np.bincount(model.labels_).tolist() == [600, 400]


def test_profiles_shares_add_up_and_names_read_the_profile(planted):
    conn, _ = planted
    result = segment(conn, k=4)
    table = result.profile
    for share in ("share_customers", "share_revenue", "share_cost", "share_profit"):
        assert table[share].sum() == pytest.approx(1.0)
    names = dict(zip(table["cluster"], result.name_keys, strict=True))
    by_orders = table.sort_values("mean_orders")
    assert names[by_orders.iloc[-1]["cluster"]] == "clusters.name.loyal_big_spenders"
    most_returns = table.sort_values("mean_return_rate").iloc[-1]["cluster"]
    assert names[most_returns] in (
        "clusters.name.frequent_returners",
        "clusters.name.unhappy_high_value",
    )
    lapsing = table.sort_values("mean_recency_days").iloc[-1]["cluster"]
    assert names[lapsing] == "clusters.name.lapsing_regulars"


def test_rules_describe_clusters_in_english_and_russian(planted):
    conn, _ = planted
    result = segment(conn, k=4)
    new = result.name_keys.index("clusters.name.new_one_time")
    rule = result.rules[new]
    assert rule["precision"] > 0.9 and rule["coverage"] > 0.9
    english = profiles.describe_rule(rule, "en")
    russian = profiles.describe_rule(rule, "ru")
    column = rule["conditions"][0][0]
    assert profiles.feature_label(column, "en").lower() in english.lower() or column in (
        "orders",
        "recency_days",
    )
    assert russian != english and any("а" <= ch <= "я" for ch in russian)
    frame = features.read_features(conn, features.Filters(), features.DEFAULT_FEATURES)
    inside = np.ones(len(frame), dtype=bool)
    for name, above, up_to in rule["conditions"]:
        inside &= (frame[name] > above) if above is not None else True
        inside &= (frame[name] <= up_to) if up_to is not None else True
    in_cluster = frame["customer_id"].isin(
        result.assignments.loc[result.assignments["cluster"] == new, "customer_id"]
    )
    assert (inside & in_cluster).sum() / inside.sum() > 0.9


def test_describe_condition_reads_whole_numbers_and_days():
    assert profiles.describe_condition(["orders", 5.5, None]) == "orders ≥ 6"
    assert profiles.describe_condition(["recency_days", None, 45.5]) == (
        "last purchase within 45 days"
    )
    assert profiles.describe_condition(["return_rate", 0.125, None], "en") == (
        "return rate above 12%"
    )
    assert profiles.describe_rule(
        {"conditions": [["return_rate", 0.125, None], ["orders", None, 2.5]]}
    ) == ("Return rate above 12% and orders ≤ 2")
    assert profiles.describe_condition(["orders", 1.5, 5.5], "ru") == "от 2 до 5 заказов"


def test_too_few_customers_for_k_is_explained(conn):
    plant_small = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d", "e"],
            "ordered_at": [END - timedelta(days=d) for d in (1, 5, 9, 30, 60)],
            "revenue": [10.0, 20.0, 35.0, 80.0, 5.0],
        }
    )
    conn.register("small", plant_small)
    conn.execute("INSERT INTO transactions (customer_id, ordered_at, revenue) SELECT * FROM small")
    with pytest.raises(AnalysisError, match="need at least 12"):
        segment(conn, k=4, features=("recency_days", "revenue"))


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_fewer_distinct_customers_than_clusters_is_explained(conn):
    days = [1] * 5 + [10] * 5 + [30] * 5
    same = pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(15)],
            "ordered_at": [END - timedelta(days=d) for d in days],
            "revenue": [float(d) for d in days],
        }
    )
    conn.register("same", same)
    conn.execute("INSERT INTO transactions (customer_id, ordered_at, revenue) SELECT * FROM same")
    with pytest.raises(AnalysisError, match="only 3 distinct groups"):
        segment(conn, k=4, features=("recency_days", "revenue"))


def test_constant_empty_and_missing_features_are_explained(planted):
    conn, _ = planted
    with pytest.raises(AnalysisError, match="same .* for every customer"):
        segment(conn, k=3, features=("orders", "complaint_rate"))
    with pytest.raises(AnalysisError, match="no value for any customer"):
        segment(conn, k=3, features=("orders", "nps"))
    conn.execute(
        "INSERT INTO feedback (customer_id, created_at, kind, score, scale) "
        "VALUES ('loyal-0001', '2025-06-01', 'praise', 10, 'nps_0_10'), "
        "('lapsing-0001', '2025-06-01', 'complaint', 2, 'nps_0_10')"
    )
    with pytest.raises(AnalysisError, match="missing for 748 of 750 customers"):
        segment(conn, k=3, features=("orders", "nps"))
    result = segment(conn, k=3, features=("orders", "revenue", "nps"), fill_missing=True)
    assert result.assignments["cluster"].nunique() == 3


def test_no_buyers_in_the_period_is_explained(planted):
    conn, _ = planted
    empty = features.Filters(start=datetime(2030, 1, 1).date())
    with pytest.raises(AnalysisError, match="widen the period"):
        segment(conn, empty)


def test_unknown_feature_names_are_refused():
    with pytest.raises(AnalysisError, match="Unknown feature colour"):
        features.parse_features("orders,colour")
    assert features.parse_features("") == features.DEFAULT_FEATURES


def test_elbow_and_recommendation_on_scores():
    scores = pd.DataFrame(
        {
            "k": [2, 3, 4, 5, 6],
            "inertia": [10.0, 6.0, 2.0, 1.8, 1.7],
            "silhouette": [0.4, 0.5, 0.7, 0.695, 0.5],
            "davies_bouldin": [1.0, 0.9, 0.5, 0.6, 0.8],
        }
    )
    assert selection.elbow_k(scores) == 4
    recommended = selection.recommend_k(scores)
    assert recommended["k"] == 4 and recommended["reason"] == "clusters.reason.all_agree"


def test_stability_flags_structureless_data():
    rng = np.random.default_rng(3)
    noise = rng.uniform(0, 1, (800, 4))
    blobs = np.vstack([rng.normal(c, 0.05, (200, 4)) for c in (0, 1, 2, 3)])
    noisy = selection.stability(noise, [7])
    clear = selection.stability(blobs, [4])
    assert clear["stability"].iloc[0] > 0.95 and bool(clear["is_stable"].iloc[0])
    assert noisy["stability"].iloc[0] < clear["stability"].iloc[0]


def test_recommendation_passes_over_tiny_or_unstable_clusterings():
    scores = pd.DataFrame(
        {
            "k": [2, 3, 4],
            "inertia": [5.0, 3.0, 2.5],
            "silhouette": [0.9, 0.5, 0.6],
            "davies_bouldin": [0.3, 0.7, 0.6],
            "smallest_share": [0.01, 0.2, 0.15],  # k = 2 splits off 1% of the customers
            "is_stable": [True, True, False],
        }
    )
    recommended = selection.recommend_k(scores)
    assert recommended["k"] == 3 and recommended["left_out"] == [2, 4]


def test_each_size_left_out_has_its_reasons_and_the_sizes_read_as_short_ranges():
    scores = pd.DataFrame(
        {
            "k": [2, 3, 4, 5],
            "smallest_share": [0.3, 0.01, 0.2, 0.015],
            "is_stable": [False, True, True, False],
        }
    )
    assert selection.left_out_reasons(scores) == {
        2: ["unstable"],
        3: ["small"],
        5: ["small", "unstable"],
    }
    assert selection.left_out_reasons(scores[["k", "smallest_share"]]) == {
        3: ["small"],
        5: ["small"],
    }
    assert selection.k_ranges([12, 2, 6, 7, 8, 9, 10, 11]) == "2, 6–12"
    assert selection.k_ranges([5, 6]) == "5, 6"
    assert selection.k_ranges([4]) == "4"


def test_cluster_means_are_written_as_money_percentages_days_or_counts():
    assert profiles.mean_format("revenue") == ("money", 2)
    assert profiles.mean_format("avg_order_value") == ("money", 2)
    assert profiles.mean_format("return_rate") == ("percent", 1)
    assert profiles.mean_format("margin") == ("percent", 1)
    assert profiles.mean_format(features.channel_column("Web shop")) == ("percent", 1)
    assert profiles.mean_format("recency_days") == ("number", 0)
    assert profiles.mean_format("tenure_days") == ("number", 0)
    assert profiles.mean_format("orders") == ("number", 1)
    assert profiles.mean_format("nps") == ("number", 1)


def test_a_few_extreme_customers_do_not_get_a_cluster_of_their_own():
    frame = pd.DataFrame(
        {
            "orders": [1.0, 2, 3] * 300 + [5000.0] * 3,
            "return_rate": [0.0, 0.1, 0.2] * 300 + [1.0] * 3,
        }
    )
    _, X = pipeline.prepare(frame, ["orders", "return_rate"])
    assert X[-1, 0] == X[:, 0].max() and X[-1, 0] < 3 * X[:-3, 0].max()


def test_default_features_the_data_lacks_are_left_out_when_asked(planted):
    conn, truth = planted
    conn.execute("UPDATE transactions SET category = NULL")
    with pytest.raises(AnalysisError, match="categories is the same"):
        segment(conn, k=4)
    result = segment(conn, k=4, skip_uninformative=True)
    assert result.settings["left_out"] == ["categories"]
    assert "categories" not in result.columns
    merged = truth.merge(result.assignments, on="customer_id")
    assert adjusted_rand_score(merged["group"], merged["cluster"]) >= 0.9


def test_channel_mix_and_nps_are_computed_per_customer(planted):
    conn, _ = planted
    conn.execute("UPDATE transactions SET channel = 'store' WHERE customer_id LIKE 'loyal-%'")
    conn.execute(
        "UPDATE transactions SET channel = 'store' WHERE customer_id = 'returners-0000' "
        "AND order_id = 'returners-0000-0'"
    )
    conn.execute(
        "INSERT INTO feedback (customer_id, created_at, kind, score, scale) VALUES "
        "('loyal-0000', '2025-06-01', 'praise', 10, 'nps_0_10'), "
        "('loyal-0000', '2025-07-01', 'wish', 6, 'nps_0_10'), "
        "('loyal-0000', '2025-07-02', 'praise', 5, 'rating_1_5')"
    )
    frame = features.read_features(conn, features.Filters(), ("orders", "channel_mix", "nps"))
    assert frame.attrs["columns"] == ["orders", "channel_share__web", "channel_share__store", "nps"]
    rows = frame.set_index("customer_id")
    assert rows.loc["loyal-0003", "channel_share__store"] == 1.0
    assert rows.loc["new_one_time-0000", "channel_share__web"] == 1.0
    returner = rows.loc["returners-0000"]
    assert 0 < returner["channel_share__store"] < 1
    assert returner["channel_share__store"] + returner["channel_share__web"] == pytest.approx(1)
    assert rows.loc["loyal-0000", "nps"] == 8.0  # the 1-5 rating is not an NPS answer
    assert rows["nps"].isna().sum() == len(rows) - 1
