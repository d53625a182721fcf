"""Differentiate by needs: customer clusters a marketer can trust, read and pick."""

from dashboard.clustering.analysis import SegmentResult, segment
from dashboard.clustering.features import DEFAULT_FEATURES, FEATURES, parse_features

__all__ = ["DEFAULT_FEATURES", "FEATURES", "SegmentResult", "parse_features", "segment"]
