"""The Customers page through AppTest: merging a duplicate group, undoing it, and the profile's
timeline of every channel."""

from __future__ import annotations

import json

import pytest

from dashboard.access import audit
from dashboard.identify import merge
from dashboard.store import database
from dashboard.text_safety import plain_text
from tests.identify.test_merge import EXTRA_CONTACTS, EXTRA_FEEDBACK, add_campaigns, fill
from tests.ui.test_page_customers import YEAR_2024, assert_clean, metrics, open_page, table_with


@pytest.fixture
def shop_app(app_db):
    """The hand-made shop with C10's complaint and support call and two campaigns."""
    conn = database.connect(app_db)
    fill(conn)
    conn.executemany(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, score, scale, text, "
        "channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        EXTRA_FEEDBACK,
    )
    conn.executemany(
        "INSERT INTO interactions (customer_id, occurred_at, channel, kind, cost) "
        "VALUES (?, ?, ?, ?, ?)",
        EXTRA_CONTACTS,
    )
    add_campaigns(conn)
    conn.close()
    return app_db


def timeline_chart(at) -> dict:
    """The timeline's figure (the chart with one lane per kind of event)."""
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return next(f for f in figures if f["layout"].get("xaxis", {}).get("title", {}).get("text")
                in ("Date", "Дата"))  # fmt: skip


def successes(at) -> list[str]:
    return [plain_text(s.value) for s in at.success]


def test_merging_a_group_previews_what_moves_and_every_figure_follows(shop_app):
    at = open_page(**YEAR_2024)
    assert_clean(at)
    assert metrics(at)["Groups"] == "3"
    group = at.selectbox(key="merge_group")
    assert group.options[1] == "Group 2: C10, C3 (Phone)"  # C10 has the revenue: listed first
    group.select(2).run()
    survivor = at.selectbox(key="merge_survivor_2")
    assert survivor.value == "C10"
    survivor.select("C3").run()
    assert_clean(at)
    preview = table_with(at, "Role")
    assert preview["Customer id"].tolist() == ["C3", "C10"]
    assert preview["Role"].tolist() == ["stays", "merged into it"]
    assert preview["Transaction lines"].tolist() == [0, 1]
    assert preview["Campaigns"].tolist() == [1, 2]
    moves = next(plain_text(c.value) for c in at.caption if "Moves to" in c.value)
    assert "transaction lines 1, feedback 1, service contacts 1, campaign memberships 2" in moves
    go = at.button(key="merge_go")
    assert go.disabled, "a merge needs the confirming tick"
    at.checkbox(key="merge_confirm_2_C3").check().run()
    at.button(key="merge_go").click().run()
    assert_clean(at)
    assert successes(at) == [
        "Merge 1: C10 merged into C3, 3 rows moved. Undo it in the list of merges below."
    ]
    assert metrics(at)["Groups"] == "2"  # the pair is gone from the list
    log = table_with(at, "Id that stayed")
    assert log["Id that stayed"].tolist() == ["C3"] and log["Status"].tolist() == ["in effect"]
    # the profile of the survivor has C10's purchase; the old id is gone
    at.text_input(key="customer_search").input("C3").run()
    assert metrics(at)["Revenue"] == "$300" and metrics(at)["Complaints"] == "1"
    conn = database.connect(shop_app)
    try:
        assert audit.recent(conn, action="customer_merge")["detail"].tolist() == ["#1 C10 → C3"]
        assert merge.list_merges(conn)["actor"].tolist() == ["localhost:local"]
    finally:
        conn.close()

    at.button(key="unmerge_go").click().run()
    assert_clean(at)
    assert successes(at)[0].startswith("Merge 1 undone: C10 are separate from C3 again")
    assert metrics(at)["Groups"] == "3"
    log = table_with(at, "Id that stayed")
    assert log["Status"].tolist()[0].startswith("undone ")
    assert not at.get("selectbox") or "unmerge_pick" not in [s.key for s in at.selectbox]
    assert metrics(at)["Revenue"] == "$0.00"  # C3 alone again


def test_a_viewer_sees_the_merges_but_no_merge_button(shop_app, monkeypatch):
    from dashboard.access import roles
    from dashboard.ui import auth

    conn = database.connect(shop_app)
    merge.merge_customers(conn, "C2", ["C4"], actor="ann")
    conn.close()
    monkeypatch.setattr(auth, "LOCAL_USER", roles.User("guest", "viewer", "localhost"))
    at = open_page(**YEAR_2024)
    assert_clean(at)
    assert table_with(at, "Id that stayed")["Who"].tolist() == ["ann"]
    assert not [b for b in at.button if b.key in ("merge_go", "unmerge_go")]
    needs = [plain_text(i.value) for i in at.info if "role administrator" in i.value]
    assert len(needs) == 2, "the merge form and the undo say which role they need"


def test_the_profile_shows_every_channel_in_one_timeline(shop_app):
    at = open_page(q="C10", **YEAR_2024)
    assert_clean(at)
    events = table_with(at, "Event")
    assert events["Event"].tolist() == [
        "Service contact",
        "Feedback",
        "Purchase",
        "Campaign response",
        "Campaign response",
        "Campaign",
        "Campaign",
    ]
    assert events["Channel"].tolist()[:3] == ["phone", "phone", "phone"]
    assert events["Kind or group"].tolist()[1] == "complaint"
    assert events["Detail"].tolist()[1] == "Late again"
    assert sorted(events["Kind or group"].tolist()[-2:]) == ["Control", "Target"]
    chart = timeline_chart(at)
    assert chart["layout"]["title"]["text"].startswith("7 events across 1 channel")
    lanes = [trace["name"] for trace in chart["data"]]
    assert lanes == ["Purchase", "Feedback", "Service contact", "Campaign", "Campaign response"]


def test_the_timeline_in_russian_shows_a_text_as_typed(shop_app):
    from streamlit.testing.v1 import AppTest

    conn = database.connect(shop_app)
    conn.execute(
        "INSERT INTO feedback (feedback_id, customer_id, created_at, kind, text) VALUES "
        "('f11', 'C3', '2024-07-01', 'complaint', '**bold** <b>x</b> [link](http://e.x)')"
    )
    conn.close()
    at = AppTest.from_file(
        str(database.PROJECT_ROOT / "pages" / "customers.py"), default_timeout=180
    )
    for key, value in {"lang": "ru", "q": "петров", **YEAR_2024}.items():
        at.query_params[key] = value
    at.run()
    assert_clean(at)
    events = table_with(at, "Событие")
    assert events["Событие"].tolist()[0] == "Отзыв"
    assert events["Подробности"].tolist()[0] == "**bold** <b>x</b> [link](http://e.x)"
    chart = timeline_chart(at)
    assert "событи" in chart["layout"]["title"]["text"]
    hover = json.dumps([trace["customdata"] for trace in chart["data"]], ensure_ascii=False)
    assert "&lt;b&gt;x&lt;/b&gt;" in hover and "<b>x</b>" not in hover


def merge_group(at, group: int):
    at.selectbox(key="merge_group").select(group).run()
    survivor = at.selectbox(key=f"merge_survivor_{group}").value
    at.checkbox(key=f"merge_confirm_{group}_{survivor}").check().run()
    return at.button(key="merge_go").click().run()


def test_merging_every_group_then_undoing_every_merge_brings_the_list_back(shop_app):
    at = open_page(**YEAR_2024)
    before = table_with(at, "Matched on")
    at = merge_group(at, 3)  # C1 and C2 share a phone; C2 was also in group 1
    assert_clean(at)
    assert metrics(at)["Groups"] == "1"
    at = merge_group(at, 1)
    assert_clean(at)
    assert any("No likely duplicates" in plain_text(s.value) for s in at.success)
    assert at.selectbox(key="unmerge_pick").options == [
        "Merge 2: C3 into C10",
        "Merge 1: C2 into C1",
    ]
    for _ in range(2):
        at.button(key="unmerge_go").click().run()
        assert_clean(at)
    assert metrics(at)["Groups"] == "3"
    assert table_with(at, "Matched on").equals(before)
    assert [s for s in at.selectbox if s.key == "unmerge_pick"] == []


def test_ids_that_look_like_markdown_are_shown_as_typed(shop_app):
    conn = database.connect(shop_app)
    conn.execute(
        "INSERT INTO customers (customer_id, email) VALUES "
        "('**A**', 'same@x.org'), ('[B](http://e.x)', 'same@x.org')"
    )
    conn.execute(
        "INSERT INTO transactions (customer_id, ordered_at, revenue) VALUES "
        "('**A**', '2024-03-01', 900.0)"
    )
    conn.close()
    at = open_page(**YEAR_2024)
    group = at.selectbox(key="merge_group")
    label = next(o for o in group.options if "**A**" in o)
    assert label.endswith(": **A**, [B](http://e.x) (E-mail)")  # a select box shows text as text
    group.select(group.options.index(label) + 1).run()
    assert_clean(at)
    moves = next(c.value for c in at.caption if "Moves to" in c.value)
    assert plain_text(moves).startswith("Moves to **A**: transaction lines 0")
    assert "\\*\\*A\\*\\*" in moves  # escaped in the Markdown, so no bold
    box = next(c for c in at.checkbox if c.key.startswith("merge_confirm_"))
    assert plain_text(box.label) == "Merge 1 id into **A**"
    box.check().run()
    at.button(key="merge_go").click().run()
    assert_clean(at)
    assert successes(at) == [
        "Merge 1: [B](http://e.x) merged into **A**, 0 rows moved. Undo it in the list of merges "
        "below."
    ]


def test_a_merge_and_its_undo_read_in_russian(shop_app):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(
        str(database.PROJECT_ROOT / "pages" / "customers.py"), default_timeout=180
    )
    for key, value in {"lang": "ru", **YEAR_2024}.items():
        at.query_params[key] = value
    at.run()
    assert at.selectbox(key="merge_group").options[1] == "Группа 2: C10, C3 (Телефон)"
    at.selectbox(key="merge_group").select(2).run()
    assert table_with(at, "Роль")["Роль"].tolist() == ["остаётся", "объединяется с ним"]
    at.checkbox(key="merge_confirm_2_C10").check().run()
    assert plain_text(at.checkbox(key="merge_confirm_2_C10").label) == "Объединить 1 код с C10"
    at.button(key="merge_go").click().run()
    assert_clean(at)
    assert successes(at) == [
        "Объединение 1: всё от C3 теперь у C10 (перенесено 1 строка). Отменить его можно в "
        "списке объединений ниже."
    ]
    assert table_with(at, "Оставшийся код")["Состояние"].tolist() == ["действует"]
    at.button(key="unmerge_go").click().run()
    assert_clean(at)
    assert successes(at)[0].startswith("Объединение 1 отменено: C3 снова отдельно от C10")
