"""Customize (IDIC's last step): campaigns with a held-out control group, measured later.

Modules: ``design`` (a campaign from a kept pick of clusters or a value tier: its audience and
control group, drawn in DuckDB, saved and listed), ``response`` (the groups' purchases in the
response window, the uplift with its interval and p-value, incremental revenue and ROI).

Builds on ``store``, ``value`` and ``clustering``; must not import reporting or demo.
"""

__all__ = ["design", "response"]
