"""Differentiate by value: what each customer is worth, and the customer pyramid.

Modules: ``cost_model`` (margins and cost-to-serve rates), ``value_table`` (the customer value SQL:
revenue, costs, profit, orders, recency per customer), ``cache`` (that table computed once per
period and kept in DuckDB's memory), ``ranking`` (customers ranked by a measure: the one ranking
that tiers, RFM, migration and the whale curve share), ``pyramid`` (tiers, their shares, the tier
rule), ``whale`` (the cumulative profit curve), ``migration`` (moves between tiers), ``rfm``
(recency, frequency, monetary scores and segments).

Builds on ``store``; must not import feedback, loyalty, campaigns or reporting (they build on it).
"""

__all__ = ["cache", "cost_model", "migration", "pyramid", "ranking", "rfm", "value_table", "whale"]
