"""Saved runs: reopen, rename, pick, compare, tiers, the model file and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dashboard.clustering import runs
from dashboard.clustering.analysis import segment
from dashboard.errors import AnalysisError
from dashboard.store import database
from tests.clustering.test_clustering import plant

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def saved(conn):
    plant(conn)
    result = segment(conn, k=4)
    return conn, result, runs.save_run(conn, result, "Spring review")


def test_a_saved_run_reopens_with_its_settings_profile_and_customers(saved, tmp_path):
    conn, result, run_id = saved
    run = runs.load_run(conn, run_id)
    assert run["name"] == "Spring review" and run["k"] == 4 and not run["k_auto"]
    assert run["customers"] == 750
    assert run["profile"]["customers"].tolist() == result.profile["customers"].tolist()
    assert runs.list_runs(conn)["run_id"].tolist() == [run_id]
    # The fitted pipeline is kept under tmp_path/models and places customers as before.
    assert Path(run["model_path"]).parent == tmp_path / "models"
    model = runs.load_model(conn, run_id)
    assert list(model["prepare"].feature_names_in_) == result.columns


def test_the_model_file_reproduces_the_assignments(saved):
    conn, result, run_id = saved
    from dashboard.clustering.features import Filters, read_features

    model = runs.load_model(conn, run_id)
    frame = read_features(conn, Filters(), result.settings["features"])
    predicted = model.predict(frame[result.columns])
    np.testing.assert_array_equal(predicted, result.assignments["cluster"].to_numpy())


def test_renamed_clusters_are_kept_per_run(saved):
    conn, result, run_id = saved
    runs.rename_cluster(conn, run_id, 0, "Spring newcomers")
    names = runs.cluster_names(conn, run_id, "en")
    assert names[0] == "Spring newcomers"
    assert names[1] != "Spring newcomers" and len(set(names.values())) == 4
    runs.rename_cluster(conn, run_id, 0, "")
    assert runs.cluster_names(conn, run_id, "ru")[0] == "Новые разовые покупатели"


def test_a_pick_is_saved_and_its_customers_exported(saved):
    conn, result, run_id = saved
    customers = runs.picked_customers(conn, run_id, [1, 2])
    sizes = result.profile.set_index("cluster")["customers"]
    assert len(customers) == sizes[1] + sizes[2]
    assert set(customers["cluster"]) == {1, 2}
    assert customers["email"].str.endswith("@example.com").all()
    pick_id = runs.save_pick(conn, run_id, [2, 1], "Win-back")
    picks = runs.list_picks(conn, run_id)
    assert picks.loc[0, "pick_id"] == pick_id and list(picks.loc[0, "clusters"]) == [1, 2]
    assert picks.loc[0, "customers"] == len(customers)
    assert runs.save_pick(conn, run_id, [1, 2]) == pick_id  # the same pick is kept once
    audience = runs.pick_customers(conn, pick_id)
    assert audience["customer_id"].tolist() == customers["customer_id"].tolist()
    assert len(runs.list_picks(conn)) == 1
    with pytest.raises(AnalysisError, match="Pick at least one cluster"):
        runs.save_pick(conn, run_id, [])


def test_rerunning_never_changes_a_saved_audience(saved):
    conn, result, run_id = saved
    before = runs.picked_customers(conn, run_id, [0])
    other = runs.save_run(conn, segment(conn, k=3), "Three groups")
    after = runs.picked_customers(conn, run_id, [0])
    assert before.equals(after)
    moves, agreement = runs.compare_runs(conn, run_id, other)
    assert moves["customers"].sum() == 750
    assert 0.5 < agreement < 1.0  # three groups merge two of the four


def test_a_run_made_again_uses_its_own_settings(saved):
    conn, result, run_id = saved
    settings = runs.rerun_settings(runs.load_run(conn, run_id))
    assert settings == {
        "features": list(result.settings["features"]),
        "k": 4,
        "algorithm": "kmeans",
        "fill_missing": False,
    }
    again = segment(conn, **settings)  # the same data: the same clusters
    assert again.assignments["cluster"].tolist() == result.assignments["cluster"].tolist()
    other = runs.save_run(
        conn, segment(conn, features=("orders", "revenue"), k=3, algorithm="gmm", fill_missing=True)
    )
    assert runs.rerun_settings(runs.load_run(conn, other)) == {
        "features": ["orders", "revenue"],
        "k": 3,
        "algorithm": "gmm",
        "fill_missing": True,
    }


def test_map_sample_keeps_every_cluster(saved):
    conn, result, run_id = saved
    points = runs.map_points(conn, run_id, limit=100)
    assert set(points["cluster"]) == {0, 1, 2, 3}
    assert (points.groupby("cluster").size() >= 50).all() or len(points) == 750


def test_clusters_sit_in_value_tiers(saved):
    conn, result, run_id = saved
    table = runs.clusters_by_tier(conn, run_id)
    assert table["customers"].sum() == 750
    loyal = result.name_keys.index("clusters.name.loyal_big_spenders")
    top = table[(table["cluster"] == loyal) & table["tier"].isin(["1", "2"])]
    assert top["share_of_cluster"].sum() > 0.5


def test_unknown_run_is_explained(conn):
    with pytest.raises(AnalysisError, match="no saved run 99"):
        runs.load_run(conn, 99)


def test_models_dir_is_beside_the_data_dir(tmp_path):
    data = tmp_path / "project" / "data"
    connection = database.connect(data / "dashboard.duckdb")
    assert runs.models_dir(connection) == tmp_path / "project" / "models"
    connection.close()


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_command_line_segments_and_prints_json(tmp_path):
    db = tmp_path / "cli.duckdb"
    connection = database.connect(db)
    plant(connection)
    connection.close()
    every_day = ("--from", "2000-01-01")  # all the planted history, not the last 12 months
    done = _cli(
        "segment", "--k", "auto", "--name", "From cron", *every_day, "--db", str(db), "--json"
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["k"] == 4 and out["run_id"] == 1
    assert sum(c["customers"] for c in out["clusters"]) == 750
    assert out["period"]["from"] == "2000-01-01"
    assert sum(c["share_revenue"] for c in out["clusters"]) == pytest.approx(1, abs=1e-3)
    assert out["clusters"][0]["name"] == "New one-time buyers"
    assert out["scores"]["silhouette"] > 0.5
    fixed = json.loads(
        _cli(
            "segment",
            "--k",
            "3",
            "--features",
            "orders,revenue,recency_days",
            *every_day,
            "--db",
            str(db),
            "--json",
        ).stdout
    )
    assert (
        fixed["k"] == 3
        and fixed["run_id"] == 2
        and fixed["features"] == ["orders", "revenue", "recency_days"]
    )


def test_command_line_explains_bad_input(tmp_path):
    db = tmp_path / "cli.duckdb"
    database.connect(db).close()
    done = _cli("segment", "--db", str(db), "--json")
    assert done.returncode == 2 and "The database has no transactions" in done.stderr
    done = _cli("segment", "--features", "orders,shoe_size", "--db", str(db))
    assert done.returncode == 2 and "Unknown feature shoe_size" in done.stderr
