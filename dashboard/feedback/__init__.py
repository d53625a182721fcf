"""Interact: what customers say: feedback over time, complaints, NPS, and what they write.

Modules: ``trends`` (counts per kind and period, NPS, ratings, and the shared tier and cluster
groupings of feedback), ``complaints`` (the complaint iceberg, resolution times, open
complaints), ``text_terms`` (the top TF-IDF terms of texts), ``potential`` (information and
cooperation potential per customer).

Builds on ``store`` and ``value`` (feedback split by tier); must not import loyalty, campaigns
or reporting.
"""

__all__ = ["complaints", "potential", "text_terms", "trends"]
