"""Reporting: the period's story in words and numbers, and files people open.

Modules: ``metrics`` (the Overview's KPIs and their change against the previous period),
``story`` (those figures and the pyramid's finding as sentences), ``report`` (one self-contained
HTML file to send after a meeting), ``export`` (CSV and Excel that spreadsheets read safely).

The top of the core: it may import any capability, and no capability imports it.
"""

__all__ = ["export", "metrics", "report", "story"]
