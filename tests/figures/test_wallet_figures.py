"""The share-of-wallet chart: a bar per tier with a known wallet, in the tier's colour."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import theme, wallet

SUMMARY = pd.DataFrame(
    {
        "tier": ["1", "2", "3", "4", "inactive"],
        "known": [1, 0, 1, 0, 1],
        "share": [0.5, float("nan"), 0.1, float("nan"), 0.0],
    }
)
NAMES = {"1": "Tier 1", "2": "Tier 2", "3": "Tier 3", "4": "Tier 4", "inactive": "Inactive"}


def figure(summary=SUMMARY):
    return wallet.tier_share_figure(
        summary,
        title="Tier 1 wins 50%",
        tier_names=NAMES,
        texts={t: t for t in NAMES},
        hovers={t: t for t in NAMES},
        x_title="Tier",
        y_title="Share of wallet, %",
    )


def test_only_tiers_with_a_known_wallet_get_a_bar_in_their_colour():
    bar = figure().data[0]
    assert list(bar.x) == ["Tier 1", "Tier 3", "Inactive"]
    assert list(bar.y) == [0.5, 0.1, 0.0]
    assert list(bar.marker.color) == [theme.TIER_COLORS[t] for t in ("1", "3", "inactive")]
    layout = figure().layout
    assert layout.yaxis.tickformat == ".0%" and layout.yaxis.title.text == "Share of wallet, %"


def test_no_known_wallet_or_a_missing_column_is_refused():
    with pytest.raises(ValueError, match="no tier"):
        figure(SUMMARY.assign(known=0))
    with pytest.raises(ValueError, match="share"):
        figure(SUMMARY.drop(columns="share"))
