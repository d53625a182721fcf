"""Differentiate by needs: customer clusters a marketer can trust, read and pick.

Modules: ``features`` (SQL), ``pipeline`` (scikit-learn), ``selection`` (k and stability),
``profiles`` (words), ``analysis`` (one run), ``runs`` (saved runs and picks). Names are imported
lazily so that ``python -m dashboard --help`` does not load scikit-learn.

Builds on ``store`` and ``value``; must not import campaigns (which pick clusters) or reporting.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "segment": "dashboard.clustering.analysis",
    "SegmentResult": "dashboard.clustering.analysis",
    "DEFAULT_FEATURES": "dashboard.clustering.features",
    "FEATURES": "dashboard.clustering.features",
    "parse_features": "dashboard.clustering.features",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'dashboard.clustering' has no attribute {name!r}")
