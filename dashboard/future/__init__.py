"""Future value: who will buy again, who is slipping away, and what each customer is worth ahead.

Modules: ``summary`` (each customer's repeat purchases, recency and age in weeks, in DuckDB),
``bgnbd`` (the BG/NBD model of repeat purchases and dropout), ``gamma_gamma`` (the spend model),
``check`` (the data-sufficiency check and what would fix each failure), ``model`` (the forecast:
holdout check, fits, per-customer predictions with intervals, the customers at risk) and
``cache`` (a forecast kept per data version, and as a table for SQL to join).

Builds on ``store`` and ``value`` (the cost model's profit share); must not import clustering,
feedback, loyalty, campaigns or reporting, and ``value`` must not import it.
"""

__all__ = ["bgnbd", "cache", "check", "gamma_gamma", "model", "summary"]
