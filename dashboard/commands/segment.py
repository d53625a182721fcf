"""`python -m dashboard segment`: cluster the customers and save the run."""

from __future__ import annotations

import argparse

from dashboard import cli, i18n

#: The same as dashboard.clustering.pipeline.ALGORITHMS (not imported: --help stays quick).
ALGORITHMS = ("kmeans", "gmm")


def _k(text: str):
    if text == "auto":
        return "auto"
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--k takes 'auto' or a number, not {text!r}") from None


def register(subparsers) -> None:
    """Add the ``segment`` command."""
    parser = subparsers.add_parser(
        "segment",
        help="cluster customers by behaviour and save the run",
        description="Cluster the customers who bought in the period, describe each cluster and "
        "save the run (settings, scores, assignments, the fitted model) under a new run id. "
        "Without --from/--to: the last 12 months of the data, as the Clusters page runs it.",
    )
    cli.add_period(parser)
    parser.add_argument("--k", type=_k, default="auto", help="'auto' (2 to 12, default) or N")
    parser.add_argument(
        "--features",
        help="comma-separated features (default: "
        "recency_days,orders,revenue,avg_order_value,tenure_days,return_rate,"
        "categories)",
    )
    parser.add_argument("--algorithm", choices=ALGORITHMS, default="kmeans")
    parser.add_argument(
        "--fill-missing",
        action="store_true",
        help="fill missing values (NPS) with the median instead of stopping",
    )
    parser.add_argument("--name", help="a name for the run")
    parser.add_argument(
        "--lang",
        choices=tuple(i18n.LANGUAGES),
        default="en",
        help="language of cluster names and rules",
    )
    cli.add_common(parser)
    parser.set_defaults(handler=run)


def run(args) -> dict:
    """Cluster, save and return the run's summary (what ``--json`` prints)."""
    from dashboard.clustering import analysis, runs
    from dashboard.clustering.features import parse_features

    features = parse_features(args.features)
    conn = cli.open_database(args)
    try:
        filters = cli.period_filters(conn, args.start, args.end)
        result = analysis.segment(
            conn,
            filters,
            features=features,
            k=args.k,
            algorithm=args.algorithm,
            fill_missing=args.fill_missing,
            skip_uninformative=not args.features,
        )
        run_id = runs.save_run(conn, result, args.name)
        return summarise(conn, run_id, result, args.lang) | {"period": cli.period_dict(filters)}
    finally:
        conn.close()


def summarise(conn, run_id: int, result, lang: str = "en") -> dict:
    """The run as plain data: id, k, scores and one entry per cluster."""
    from dashboard.clustering import runs
    from dashboard.clustering.profiles import describe_rule

    names = runs.cluster_names(conn, run_id, lang)
    clusters = []
    for row, rule in zip(result.profile.to_dict(orient="records"), result.rules, strict=True):
        cluster = int(row["cluster"])
        clusters.append(
            {
                "cluster": cluster,
                "name": names[cluster],
                "customers": int(row["customers"]),
                "share_customers": round(row["share_customers"], 4),
                "share_revenue": round(row["share_revenue"], 4),
                "share_cost": round(row["share_cost"], 4),
                "share_profit": round(row["share_profit"], 4),
                "rule": describe_rule(rule, lang),
                "means": {c: round(row[f"mean_{c}"], 3) for c in result.columns},
            }
        )
    chosen = result.stability[result.stability["k"] == result.k].iloc[0]
    scores = {
        "stability": round(float(chosen["stability"]), 4),
        "is_stable": bool(chosen["is_stable"]),
    }
    if result.scores is not None:
        row = result.scores[result.scores["k"] == result.k].iloc[0]
        scores |= {
            "silhouette": round(float(row["silhouette"]), 4),
            "davies_bouldin": round(float(row["davies_bouldin"]), 4),
            "by_k": result.scores.round(4).to_dict(orient="records"),
        }
    return {
        "run_id": run_id,
        "k": result.k,
        "k_auto": result.settings["k"] == "auto",
        "algorithm": result.algorithm_used,
        "features": result.columns,
        "customers": len(result.assignments),
        "left_out": result.settings["left_out"],
        "scores": scores,
        "recommendation": result.recommendation,
        "clusters": clusters,
    }
