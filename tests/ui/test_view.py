"""The view stays the view (AppTest): a link's period that cannot be shown is named beside the
period shown instead, in the page's language; all time says there is nothing to compare with."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.store import database

ROOT = Path(__file__).resolve().parents[2]


def open_app(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def data_dates(path: Path) -> tuple[str, str]:
    conn = database.connect(path)
    try:
        info = database.summary(conn)
    finally:
        conn.close()
    return info["date_from"], info["date_to"]


def shown_period(at: AppTest) -> tuple[str, str]:
    value = at.query_params["from"], at.query_params["to"]
    return tuple(v if isinstance(v, str) else v[0] for v in value)


def test_a_link_outside_the_data_says_what_it_asked_for_and_what_is_shown(app_db):
    open_app()  # the first run loads the demo
    first, last = data_dates(app_db)
    at = open_app(**{"from": "1995-01-01", "to": "1995-06-30"})
    assert not at.exception
    start, end = shown_period(at)
    notes = [n for n in infos(at) if "1995-01-01 – 1995-06-30" in n]
    assert len(notes) == 1, infos(at)
    assert "outside the data" in notes[0] and f"{first} – {last}" in notes[0]
    assert f"{start} – {end}" in notes[0]
    # The notice stays while that period is shown (the URL now holds the period shown).
    at.run()
    assert any("1995-01-01 – 1995-06-30" in n for n in infos(at))


def test_a_reversed_or_garbled_link_says_so_in_russian_too(app_db):
    open_app()
    at = open_app(**{"from": "2024-06-30", "to": "2024-01-01"})
    assert any("ends before it starts" in n and "2024-06-30 – 2024-01-01" in n for n in infos(at))

    ru = open_app(**{"from": "yesterday", "to": "2024-01-01", "lang": "ru"})
    start, end = shown_period(ru)
    shown = f"{start[8:]}.{start[5:7]}.{start[:4]} – {end[8:]}.{end[5:7]}.{end[:4]}"
    notes = [n for n in infos(ru) if "не две даты" in n]
    assert len(notes) == 1, infos(ru)
    assert "yesterday – 01.01.2024" in notes[0] and shown in notes[0]


def test_a_link_inside_the_data_shows_no_notice(app_db):
    open_app()
    first, last = data_dates(app_db)
    at = open_app(**{"from": first, "to": last})
    assert not [n for n in infos(at) if "link" in n]
    assert shown_period(at) == (first, last)


def test_all_time_says_there_is_nothing_to_compare_with(app_db):
    open_app()
    first, last = data_dates(app_db)
    at = open_app(**{"from": first, "to": last})
    captions = [c.value for c in at.caption]
    assert any("nothing to compare with" in c for c in captions), captions
    assert not any("compared with the" in c for c in captions)
    assert all(not m.delta or "compare" in m.delta for m in at.metric), [
        (m.label, m.delta) for m in at.metric
    ]

    ru = open_app(**{"from": first, "to": last, "lang": "ru"})
    assert any("сравнивать не с чем" in c.value for c in ru.caption)

    year = open_app()  # the last 12 months have a year before them
    assert any("compared with the" in c.value for c in year.caption)
