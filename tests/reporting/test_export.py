"""Audiences written as files people open: CSV with Cyrillic for Excel, .xlsx, and the command."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import cli
from dashboard.errors import DashboardError
from dashboard.reporting import export


def test_csv_keeps_cyrillic_for_excel_and_xlsx_round_trips(tmp_path):
    df = pd.DataFrame({"customer_id": ["c1", "c2"], "name": ["Ирина Новикова", "David Hall"]})
    csv_path = export.write_table(df, tmp_path / "a.csv")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    assert pd.read_csv(csv_path, encoding="utf-8-sig")["name"].tolist() == df["name"].tolist()
    xlsx_path = export.write_table(df, tmp_path / "out" / "a.xlsx")
    assert pd.read_excel(xlsx_path, engine="calamine")["name"].tolist() == df["name"].tolist()


def test_unknown_ending_says_what_to_do(tmp_path):
    with pytest.raises(DashboardError, match=r"report.pdf: cannot write .pdf. Fix: name"):
        export.write_table(pd.DataFrame({"a": [1]}), tmp_path / "report.pdf")


@pytest.fixture
def demo_file(demo_conn):
    path = demo_conn.execute("SELECT path FROM duckdb_databases() WHERE NOT internal").fetchone()[0]
    demo_conn.close()
    return path


def test_export_a_tier_writes_its_customers(demo_file, tmp_path, capsys):
    out = tmp_path / "tier1.xlsx"
    every_day = ["--from", "2000-01-01", "--to", "2099-12-31"]  # all time, not the last 12 months
    args = ["export", "tier", "1", "--out", str(out), "--db", demo_file, "--json", *every_day]
    assert cli.main(args) == 0
    assert '"customers": 20' in capsys.readouterr().out  # the top 1% of 2,000 buying customers
    frame = pd.read_excel(out, engine="calamine")
    assert len(frame) == 20 and set(frame["tier"].astype(str)) == {"1"}
    assert frame["revenue"].is_monotonic_decreasing


def test_export_clusters_of_a_saved_run(demo_file, tmp_path):
    assert cli.main(["segment", "--k", "3", "--db", demo_file, "--json"]) == 0
    out = tmp_path / "campaign.csv"
    assert (
        cli.main(
            ["export", "clusters", "1", "--clusters", "0,2", "--out", str(out), "--db", demo_file]
        )
        == 0
    )
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert set(frame["cluster"]) == {0, 2} and frame["customer_id"].is_unique


def test_export_explains_bad_requests(demo_file, tmp_path, capsys):
    out = str(tmp_path / "x.csv")
    assert cli.main(["export", "tier", "7", "--out", out, "--db", demo_file]) == 2
    assert "Tier '7' does not exist" in capsys.readouterr().err
    assert cli.main(["export", "clusters", "1", "--out", out, "--db", demo_file]) == 2
    assert "--clusters" in capsys.readouterr().err
    assert cli.main(["export", "pick", "42", "--out", out, "--db", demo_file]) == 2
    assert "no kept pick 42" in capsys.readouterr().err


def column_widths(xlsx: bytes) -> list[float]:
    """The widths (in characters) a workbook's first sheet gives its columns, as Excel reads them."""
    import io
    import re
    import zipfile

    sheet = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml").decode()
    return [float(w) for w in re.findall(r'<col [^>]*width="([0-9.]+)"', sheet)]


def test_an_excel_export_opens_with_columns_wide_enough_for_their_values():
    email = "ekaterina.mikhaylova1987@yandex.ru"
    frame = pd.DataFrame({"id": ["C1", "C2"], "email": [email, None], "note": ["x" * 500, "short"]})
    widths = column_widths(export.to_excel_bytes(frame))
    assert len(widths) == 3
    assert widths[0] >= 10  # a short column still shows its header
    assert widths[1] >= len(email)  # the whole e-mail is readable
    assert widths[2] <= 61  # a long text does not make the sheet unreadable
