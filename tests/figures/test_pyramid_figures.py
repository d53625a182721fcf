"""Figure builders of the pyramid page: traces, values, colours, titles, and bad arguments."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import pyramid as figures
from dashboard.figures.theme import TIER_COLORS

NAMES = {"1": "T1", "2": "T2", "3": "T3", "4": "T4", "inactive": "Off", "1-2": "T1-2"}
SHARES = pd.DataFrame(
    {
        "tier": ["1", "2", "3", "4", "inactive"],
        "customers": [1, 10, 24, 65, 40],
        "revenue": [500.0, 400.0, 70.0, 30.0, -5.0],
        "cost_to_serve": [10.0, 50.0, 240.0, 100.0, 3.0],
        "order_cost": [5.0, 30.0, 100.0, 60.0, 0.0],
        "return_cost": [5.0, 20.0, 140.0, 40.0, 3.0],
        "share_customers": [0.01, 0.10, 0.24, 0.65, None],
        "share_revenue": [0.5, 0.4, 0.07, 0.03, None],
        "share_cost": [0.1, 0.2, 0.45, 0.25, None],
        "share_cost_to_serve": [0.025, 0.125, 0.6, 0.25, None],
        "share_profit": [0.7, 0.5, -0.1, -0.1, None],
    }
)


def test_pyramid_has_tier_one_on_top_in_tier_colours():
    fig = figures.pyramid_figure(
        SHARES, title="Tiers 1–2 are 11%", tier_names=NAMES, texts={t: f"x{t}" for t in "1234"}
    )
    funnel = fig.data[0]
    assert list(funnel.y) == ["T1", "T2", "T3", "T4"]
    assert list(funnel.marker.color) == [TIER_COLORS[t] for t in "1234"]
    assert list(funnel.customdata) == [1, 10, 24, 65]
    assert fig.layout.title.text == "Tiers 1–2 are 11%"


def test_shares_chart_has_a_bar_per_tier_in_the_tier_colours_and_the_texts_markers():
    fig = figures.shares_figure(
        figures.combine_top_tiers(SHARES),
        title="t",
        tier_names=NAMES,
        measure_names={m: m.title() for m in figures.MEASURES},
        y_title="Share, %",
        x_title="",
        reference={"1-2": {"share_revenue": 0.9}, "3": {"share_cost_to_serve": 0.45}},
        reference_name="{tier} (texts)",
    )
    bars = [d for d in fig.data if d.type == "bar"]
    markers = [d for d in fig.data if d.type == "scatter"]
    # the measures along x; one bar per tier, coloured as on the pyramid beside it
    assert [b.name for b in bars] == ["T1-2", "T3", "T4"]
    assert list(bars[1].x) == ["Customers", "Revenue", "Cost_To_Serve", "Profit"]
    assert [b.marker.color for b in bars] == [TIER_COLORS["1"], TIER_COLORS["3"], TIER_COLORS["4"]]
    # tier 3: 24% of customers, 7% of revenue, 60% of the cost to serve, -10% of profit
    assert list(bars[1].y) == pytest.approx([24, 7, 60, -10])
    assert [m.name for m in markers] == ["T1-2 (texts)", "T3 (texts)"]
    assert list(markers[1].x) == ["Cost_To_Serve"] and list(markers[1].y) == pytest.approx([45])
    assert fig.layout.yaxis.title.text == "Share, %"


def test_cost_components_are_per_customer_and_stacked():
    fig = figures.cost_components_figure(
        SHARES,
        title="t",
        component_names={"order_cost": "Orders", "return_cost": "Returns"},
        tier_names=NAMES,
        x_title="Tier",
        y_title="USD per customer",
    )
    assert fig.layout.barmode == "stack" and len(fig.data) == 2
    assert list(fig.data[1].y) == pytest.approx([5, 2, 140 / 24, 40 / 65])


def test_whale_curve_starts_at_zero_and_marks_the_peak():
    curve = pd.DataFrame(
        {
            "share_customers": [0.5, 1.0],
            "cumulative_profit": [150.0, 100.0],
            "share_profit": [1.5, 1.0],
            "is_peak": [True, False],
        }
    )
    fig = figures.whale_figure(curve, title="t", x_title="x", y_title="y", peak_name="Peak")
    assert list(fig.data[0].x) == [0, 50, 100] and list(fig.data[0].y) == [0, 150, 100]
    assert list(fig.data[1].y) == [150]


def test_migration_charts_cover_every_flow():
    moves = pd.DataFrame(
        {
            "tier_before": ["1", "1", "4"],
            "tier_after": ["1", "inactive", "3"],
            "customers": [3, 2, 7],
        }
    )
    heat = figures.migration_heatmap(
        moves, title="t", tier_names=NAMES, x_title="after", y_title="before"
    )
    assert heat.data[0].z[0][0] == 3 and heat.data[0].z[0][4] == 2 and heat.data[0].z[3][2] == 7
    assert heat.data[0].texttemplate == "%{z:,.0f}"  # 20,113 customers, not Plotly's "20.113k"
    sankey = figures.migration_sankey(
        moves, title="t", tier_names=NAMES, before_name="b", after_name="a"
    )
    assert sorted(sankey.data[0].link.value) == [2, 3, 7]


def test_bad_arguments_raise_value_error():
    with pytest.raises(ValueError, match="columns"):
        figures.pyramid_figure(pd.DataFrame({"tier": ["1"]}), title="t", tier_names=NAMES, texts={})
    with pytest.raises(ValueError, match="columns"):
        figures.whale_figure(pd.DataFrame(), title="t", x_title="x", y_title="y", peak_name="p")


def test_whale_titles_state_a_finding_in_both_languages():
    from dashboard.reporting import story

    summary = {
        "peak_share_customers": 0.43,
        "peak_share_profit": 1.27,
        "tail_customers": 570,
        "tail_share_customers": 0.57,
        "tail_share_loss": 0.27,
    }
    assert story.whale_title(summary, "ru", "USD").replace("\u00a0", " ") == (
        "Лучшие 43 % клиентов приносят 127 % прибыли; последние 57 % теряют 27 %"
    )
    # a loss-making tail too small to matter is said so, not "the last 1% lose 0%"
    tiny = summary | {"tail_share_customers": 0.01, "tail_share_loss": 0.001}
    assert story.whale_title(tiny, "en", "USD") == (
        "Nearly every customer adds profit: the 1% of customers who lose money cost under 1% of it"
    )


def test_sankey_labels_of_thin_tiers_do_not_overlap():
    # Online Retail II: tier 1 is 1% of customers, tier 2 10%, most are inactive on one side
    moves = pd.DataFrame(
        {
            "tier_before": ["1", "2", "3", "4", "inactive", "inactive"],
            "tier_after": ["1", "2", "3", "4", "4", "inactive"],
            "customers": [40, 400, 960, 2600, 500, 20000],
        }
    )
    sankey = figures.migration_sankey(
        moves, title="t", tier_names=NAMES, before_name="b", after_name="a"
    )
    ys = list(sankey.data[0].node.y)
    order = ["1", "2", "3", "4", "inactive"]
    sizes = moves.groupby("tier_before")["customers"].sum().reindex(order, fill_value=0)
    after = moves.groupby("tier_after")["customers"].sum().reindex(order, fill_value=0)
    for side, counts in ((ys[:5], sizes), (ys[5:], after)):
        assert side == sorted(side)  # tier 1 at the top, inactive at the bottom
        heights = figures.node_heights(counts)
        for i in range(4):
            apart = side[i + 1] - side[i]
            assert apart >= (heights[i] + heights[i + 1]) / 2  # the nodes do not overlap
            assert apart >= figures.MIN_NODE_SLOT  # nor do their labels


def test_a_tier_nobody_was_in_gets_no_node_and_the_others_stay_in_place():
    moves = pd.DataFrame(
        {
            "tier_before": ["1", "2", "3", "4", "2", "3"],
            "tier_after": ["1", "2", "3", "4", "1", "4"],
            "customers": [150, 1500, 3500, 9500, 50, 300],
        }
    )  # nobody inactive, before or after
    sankey = figures.migration_sankey(
        moves, title="t", tier_names=NAMES, before_name="b", after_name="a"
    )
    node = sankey.data[0].node
    assert list(node.label) == [NAMES[t] for t in ("1", "2", "3", "4")] * 2
    assert list(node.x) == [0.001] * 4 + [0.999] * 4  # each side's nodes on its own side
    linked = set(sankey.data[0].link.source) | set(sankey.data[0].link.target)
    assert linked == set(range(8))  # every node has a flow (Plotly drops one without)


def test_the_overview_story_says_which_tiers_lose_money():
    from dashboard.reporting import story

    shares = SHARES.assign(profit=[700.0, 500.0, -100.0, -100.0, -5.0])
    sentence = story.plain(story.story(shares, "en"))
    assert sentence.endswith("Tiers 3, 4 lose money: -20% of the profit.")
    ru = story.plain(story.story(shares, "ru"))
    assert "Уровни 3, 4 приносят убыток" in ru
    earning = story.plain(story.story(SHARES.assign(profit=[7.0, 5.0, 1.0, 1.0, 0.0]), "en"))
    assert "lose" not in earning


def test_cost_components_use_no_tier_colour():
    # the components are stacked on the tiers' bars: a tier's colour there would read as a tier
    assert not set(figures.COMPONENT_COLORS.values()) & set(TIER_COLORS.values())


def test_sankey_labels_stay_apart_on_a_half_width_chart_with_a_two_line_title():
    from dashboard.figures import theme

    # Online Retail II's shape, as the pyramid page draws it beside the heatmap at 1280 px
    moves = pd.DataFrame(
        {
            "tier_before": ["1", "2", "3", "4", "inactive", "inactive"],
            "tier_after": ["1", "2", "3", "4", "4", "inactive"],
            "customers": [40, 400, 960, 2600, 500, 20000],
        }
    )
    names = {"1": "Уровень 1", "2": "Уровень 2", "3": "Уровень 3", "4": "Уровень 4"}
    sankey = figures.migration_sankey(
        moves,
        title="81 клиент выпал из уровней 1–2, 96 поднялись в них",
        tier_names={**names, "inactive": "Неактивные"},
        before_name="Уровень до",
        after_name="Уровень после",
    )
    theme.fit_half_width(sankey)
    layout = sankey.layout
    plot_px = layout.height - layout.margin.t - layout.margin.b
    font = sankey.data[0].textfont.size or layout.font.size
    ys = list(sankey.data[0].node.y)
    for side in (ys[:5], ys[5:]):
        closest = min(b - a for a, b in zip(side, side[1:], strict=False)) * plot_px
        assert closest >= 1.5 * font, (closest, font)  # a line of label and a gap between
