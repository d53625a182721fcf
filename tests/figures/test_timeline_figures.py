"""The customer timeline chart: one lane per kind of event in the theme's colours, text escaped."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import theme
from dashboard.figures.timeline import timeline_figure

EVENTS = pd.DataFrame(
    {
        "occurred_at": pd.to_datetime(["2024-05-03", "2024-05-02", "2024-05-01", "2024-04-01"]),
        "event": ["contact", "feedback", "purchase", "return"],
        "channel": ["phone", "web", "Web shop <b>", None],
        "detail": [None, "<script>alert(1)</script> & more", "Mug", "Mug"],
        "amount": [4.0, None, 300.0, -20.0],
    }
)


def test_each_kind_of_event_is_a_lane_in_its_colour():
    fig = timeline_figure(EVENTS, "en", "USD")
    assert [trace.name for trace in fig.data] == [
        "Purchase",
        "Return or cancellation",
        "Feedback",
        "Service contact",
    ]
    colours = [trace.marker.color for trace in fig.data]
    assert colours == [
        theme.TIMELINE_COLORS[e] for e in ("purchase", "return", "feedback", "contact")
    ]
    assert fig.layout.title.text.startswith("4 events across 3 channels, 2024-04-01 to 2024-05-03")
    assert fig.data[0].customdata[0][3] == "$300"


def test_text_from_the_data_is_escaped_and_russian_reads_russian():
    fig = timeline_figure(EVENTS, "ru", "RUB")
    hover = str([trace.customdata for trace in fig.data])
    assert "&lt;script&gt;" in hover and "<script>" not in hover and "&amp; more" in hover
    assert "Web shop &lt;b&gt;" in hover
    assert fig.data[0].name == "Покупка"
    assert fig.layout.title.text.startswith("4 события в 3 каналах")


def test_an_empty_timeline_is_refused():
    with pytest.raises(ValueError, match="no rows"):
        timeline_figure(EVENTS.iloc[0:0])
    with pytest.raises(ValueError, match="columns"):
        timeline_figure(EVENTS.drop(columns="detail"))
