"""A file whose lines live in the data lake answers only what Spark computed: a period, segment
or cost model that was not computed is said (with the command that computes it), never shown as
the zeros the empty ``transactions`` table would give."""

from __future__ import annotations

import dataclasses
import json
import shlex
from datetime import date

import pytest

from dashboard import cli
from dashboard.errors import NotComputed
from dashboard.store import computed, database
from dashboard.store.filters import Filters
from dashboard.value import cache, cost_model

COMPUTED = Filters(date(2025, 1, 1), date(2025, 3, 31))  # asked for by the served_lake fixture
NOT_COMPUTED = Filters(date(2024, 1, 1), date(2024, 3, 31))


@pytest.fixture
def lake_copy(served_lake, tmp_path):
    path = tmp_path / "lake.duckdb"
    path.write_bytes(served_lake.db_path.read_bytes())
    return path


def test_an_uncomputed_period_is_said_with_the_command_the_computed_one_has_numbers(lake_copy):
    with database.connect(lake_copy, read_only=True) as conn:
        customers = database.table_counts(conn)["customers"]
        assert len(cache.customer_value(conn, COMPUTED)) == customers > 0
        with pytest.raises(NotComputed) as raised:
            cache.customer_value(conn, NOT_COMPUTED)
    command = "python -m dashboard compute --engine spark --from 2024-01-01 --to 2024-03-31"
    assert str(raised.value) == (
        "Not computed for 2024-01-01..2024-03-31: the lines live in the data lake. "
        f"Run `{command}` to compute it."
    )
    assert raised.value.command == command
    russian = raised.value.localized("ru")
    assert russian.startswith("Не рассчитано для 2024-01-01..2024-03-31: строки покупок")
    assert f"`{command}`" in russian


def test_a_segment_names_itself_and_the_command_narrows_to_it(lake_copy):
    narrowed = dataclasses.replace(COMPUTED, countries=("United Kingdom",))
    with database.connect(lake_copy, read_only=True) as conn, pytest.raises(NotComputed) as raised:
        cache.customer_value(conn, narrowed)
    assert "Not computed for 2025-01-01..2025-03-31 (country United Kingdom):" in str(raised.value)
    assert raised.value.command.endswith("--to 2025-03-31 --country 'United Kingdom'")
    assert "(страна United Kingdom)" in raised.value.localized("ru")


def test_another_cost_model_is_said_to_need_computing_with_it(lake_copy):
    with database.connect(lake_copy) as conn:
        model = cost_model.load_cost_model(conn)
        cost_model.save_cost_model(conn, dataclasses.replace(model, cost_per_order=7.5))
        with pytest.raises(NotComputed) as raised:
            cache.customer_value(conn, COMPUTED, cost_model.load_cost_model(conn))
        assert len(cache.customer_value(conn, COMPUTED, model)) > 0  # the one computed
    assert "for 2025-01-01..2025-03-31 with the current settings" in str(raised.value)


def test_a_query_of_the_customers_alone_is_answered_here(lake_copy):
    """The customers come back whole: what reads only them needs no lines."""
    with database.connect(lake_copy, read_only=True) as conn:
        sql = "SELECT count(*) FROM customers"
        assert computed.serve(conn, sql, [], COMPUTED) == (sql, [])


def test_a_file_with_its_lines_computes_what_was_not_kept(demo_lake):
    with demo_lake.connect() as conn:
        assert len(cache.customer_value(conn, NOT_COMPUTED)) > 0


def test_the_command_line_says_it_and_its_command_computes_it(lake_copy, demo_lake, spark, capsys):
    period = ["--from", "2024-01-01", "--to", "2024-03-31"]
    assert cli.main(["tiers", "--db", str(lake_copy), *period, "--json"]) == 2
    err = capsys.readouterr().err
    assert "Not computed for 2024-01-01..2024-03-31" in err
    command = shlex.split(err.split("`")[1])
    assert command[:3] == ["python", "-m", "dashboard"]
    sources = [a for t, p in demo_lake.sources.items() for a in ("--source", f"{t}={p}")]
    assert cli.main([*command[3:], "--db", str(lake_copy), *sources, "--json"]) == 0
    capsys.readouterr()

    assert cli.main(["tiers", "--db", str(lake_copy), *period, "--json"]) == 0
    ours = json.loads(capsys.readouterr().out)
    assert cli.main(["tiers", "--db", str(demo_lake.db_path), *period, "--json"]) == 0
    theirs = json.loads(capsys.readouterr().out)
    assert [t["customers"] for t in ours["tiers"]] == [t["customers"] for t in theirs["tiers"]]
    assert sum(t["customers"] for t in ours["tiers"]) > 0
