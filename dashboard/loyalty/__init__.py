"""Interact: how loyal customers are: the loyalty ladder, repeat purchase, cohorts.

Modules: ``ladder`` (prospects, one-time buyers, satisfied, devoted, partners, and the moves
between them), ``retention`` (repeat, cross-purchase and referral rates, cohort retention, the
valuable-and-unhappy customers).

Builds on ``store``, ``value`` and ``feedback`` (NPS answers); must not import campaigns or
reporting.
"""

__all__ = ["ladder", "retention"]
