"""The look every chart shares: titles that wrap, month names in the interface language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme


def test_long_titles_wrap_and_make_room():
    title = "The top 11% of customers bring 82% of revenue and 94% of profit in this period"
    fig = theme.style(go.Figure(), title)
    assert "<br>" in fig.layout.title.text
    assert all(len(line) <= theme.TITLE_WIDTH for line in fig.layout.title.text.split("<br>"))
    assert fig.layout.margin.t > 80
    short = theme.style(go.Figure(), "Complaints fell")
    assert short.layout.title.text == "Complaints fell"


def test_month_names_follow_the_language():
    months = pd.date_range("2025-01-01", periods=24, freq="MS")
    fig = go.Figure(go.Scatter(x=months, y=list(range(24))))
    russian = theme.localize_months(fig, "ru")
    labels = list(russian.layout.xaxis.ticktext)
    assert labels[0] == "янв 2025" and len(labels) <= theme.MAX_MONTH_TICKS
    english = theme.localize_months(go.Figure(go.Scatter(x=months, y=list(range(24)))), "en")
    assert english.layout.xaxis.ticktext is None  # Plotly's own English labels
    for lang, label in (("en", "Jul 2024"), ("ru", "июл 2024")):  # one month: no hours
        one = go.Figure(go.Bar(x=[pd.Timestamp("2024-07-01")], y=[3]))
        assert list(theme.localize_months(one, lang).layout.xaxis.ticktext) == [label]


def test_category_axes_are_left_alone():
    fig = go.Figure(go.Bar(x=["Tier 1", "Tier 2"], y=[1, 2]))
    assert theme.localize_months(fig, "ru").layout.xaxis.ticktext is None
    numbers = go.Figure(go.Scatter(x=[0.1, 0.5, 1.0], y=[1, 2, 3]))
    assert theme.localize_months(numbers, "ru").layout.xaxis.ticktext is None


def test_russian_axes_write_large_numbers_in_full_not_with_latin_suffixes():
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Bar(x=["янв", "фев"], y=[15_000, 22_766]), row=1, col=1)
    fig.add_trace(go.Bar(x=["янв", "фев"], y=[1_200_000, 9_900_000]), row=1, col=2)
    russian = theme.localize_numbers(fig, "ru")
    assert russian.layout.separators == ",\u202f"  # 22 766,5
    axes = [russian.layout.yaxis, russian.layout.yaxis2, russian.layout.xaxis]
    assert all(a.exponentformat == "none" for a in axes)  # 20 000, not "20k"
    english = theme.localize_numbers(go.Figure(go.Bar(x=["a"], y=[20_000])), "en")
    assert english.layout.yaxis.exponentformat is None  # Plotly's own "20k"


def test_a_chart_beside_another_wraps_its_title_sooner():
    title = "Жалобы: 62 за окт 2026, рост на 24 % к прошлому периоду"
    fig = theme.style(go.Figure(go.Scatter(x=[1, 2], y=[1, 2])), title)
    assert "<br>" not in fig.layout.title.text  # fits a chart across the page
    theme.fit_half_width(fig)
    lines = fig.layout.title.text.split("<br>")
    assert " ".join(lines) == title and len(lines) == 2
    assert all(len(line) <= theme.HALF_TITLE_WIDTH for line in lines)
    assert fig.layout.margin.t == 80 + 28 and fig.layout.legend.y < 0  # room above, legend below


def test_a_chart_beside_another_keeps_few_level_month_labels_and_its_legend_clear_of_the_axis():
    months = pd.date_range("2025-11-01", periods=12, freq="MS")
    fig = theme.style(
        go.Figure(go.Scatter(x=months, y=list(range(12)), name="Жалобы")),
        "Жалобы: 62 за окт 2026, рост на 24 % к прошлому периоду",
        x_title="Период",
    )
    theme.fit_half_width(theme.localize_months(fig, "ru"))
    xaxis = fig.layout.xaxis
    assert len(xaxis.ticktext) <= theme.HALF_MAX_TICKS and xaxis.ticktext[0] == "ноя 2025"
    assert xaxis.tickangle == 0  # level, not tilted and cut at the bottom
    assert fig.layout.legend.y <= -0.3 and fig.layout.margin.b >= 150  # below "Период"
    english = theme.fit_half_width(
        theme.style(go.Figure(go.Scatter(x=months, y=list(range(12)))), "Complaints")
    )
    assert english.layout.xaxis.nticks == theme.HALF_MAX_TICKS


def test_a_wrapped_title_keeps_each_number_with_its_word():
    title = "Жалобы: чаще всего пишут про «arrived» и «wrong» (по 58 текстов)"
    for width in range(20, len(title)):
        lines = theme.wrap_title(title, width).split("<br>")
        assert not any(line.endswith(("58", "по 58")) for line in lines), (width, lines)
        assert " ".join(lines) == title


def test_russian_charts_write_a_percentage_with_the_space_format_percent_writes():
    from dashboard.i18n import format_percent

    fig = go.Figure(
        [
            go.Scatter(x=[1, 2], y=[0.1, 0.2], hovertemplate="Купили: %{y:.1%}<extra>%{x}</extra>"),
            go.Heatmap(z=[[0.1]], colorbar={"tickformat": ".0%"}, texttemplate="%{z:.0%}"),
        ]
    )
    fig.update_yaxes(tickformat=".0%")
    fig.update_xaxes(tickformat=",.0f")
    theme.localize_numbers(fig, "ru")
    # d3's "$" flag ends the number with the locale's currency suffix: the Russian percent sign
    assert fig.layout.yaxis.tickformat == "$.0%" and fig.layout.xaxis.tickformat == ",.0f"
    assert fig.data[0].hovertemplate == "Купили: %{y:$.1%}<extra>%{x}</extra>"
    assert fig.data[1].colorbar.tickformat == "$.0%" and fig.data[1].texttemplate == "%{z:$.0%}"
    locale = theme.plotly_config("ru")["locales"]["ru"]["format"]
    assert locale["currency"] == ["", format_percent(0.8, "ru", 0).removeprefix("80")]
    english = theme.localize_numbers(go.Figure(layout={"yaxis": {"tickformat": ".0%"}}), "en")
    assert english.layout.yaxis.tickformat == ".0%" and theme.plotly_config("en") == {}
