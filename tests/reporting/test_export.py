"""Audiences written as files people open: CSV with Cyrillic for Excel, .xlsx, and the command."""

from __future__ import annotations

import io
from pathlib import Path

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


#: Text a spreadsheet would run: a link, a function, a DDE call, a sum, and the starts OWASP names.
PAYLOADS = [
    '=HYPERLINK("http://evil.example","x")',
    "@SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


def injected_frame() -> pd.DataFrame:
    count = len(PAYLOADS)
    return pd.DataFrame(
        {
            "customer_id": ["-123", *[f"c{i}" for i in range(1, count)]],
            "name": PAYLOADS,
            "phone": ["+7 999 123-45-67", *["8 800 000"] * (count - 1)],
            "revenue": [-12.5, *range(1, count)],  # a return: a negative number
            "orders": list(range(count)),
        }
    )


def test_exports_keep_formula_like_text_as_inert_text_and_numbers_as_numbers(tmp_path):
    import csv
    import zipfile

    frame = injected_frame()
    csv_path = export.write_table(frame, tmp_path / "audience.csv")
    with csv_path.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["name"] for r in rows] == ["'" + p for p in PAYLOADS]
    assert rows[0]["customer_id"] == "'-123"  # a text id that reads like a sum is text
    assert rows[0]["phone"] == "'+7 999 123-45-67" and rows[1]["phone"] == "8 800 000"
    assert rows[0]["revenue"] == "-12.5"  # a real negative amount stays a number
    xlsx_path = export.write_table(frame, tmp_path / "audience.xlsx")
    sheet = zipfile.ZipFile(xlsx_path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet, "no cell is a formula"
    back = pd.read_excel(xlsx_path, engine="calamine")
    assert back["name"].tolist() == ["'" + p for p in PAYLOADS]
    assert back["customer_id"].iloc[0] == "'-123"
    assert back["revenue"].iloc[0] == -12.5 and back["orders"].dtype.kind in "if"
    assert frame["name"].tolist() == PAYLOADS, "the caller's table is left as it was"


def test_a_header_or_a_category_that_reads_like_a_formula_is_inert_too():
    frame = pd.DataFrame({"=cmd": ["a"], "tier": pd.Categorical(["@1"])})
    back = pd.read_csv(io.BytesIO(export.to_csv_bytes(frame)), encoding="utf-8-sig")
    assert back.columns.tolist() == ["'=cmd", "tier"] and back["tier"].iloc[0] == "'@1"


def test_the_export_command_writes_a_formula_like_customer_id_as_text(tmp_path, capsys):
    from dashboard import importer
    from dashboard.store import database

    db = tmp_path / "shop.duckdb"
    source = tmp_path / "sales.csv"
    source.write_text(
        'customer_id,date,amount\n"=HYPERLINK(""http://evil"",""x"")",2024-03-01,500\n'
        "c2,2024-03-02,5\n"
    )
    conn = database.connect(db)
    importer.import_file(conn, source, "transactions")
    conn.close()
    period = ["--from", "2024-01-01", "--to", "2024-12-31"]
    for name in ("top.csv", "top.xlsx"):
        out = tmp_path / name
        assert cli.main(["export", "tier", "1", "--out", str(out), "--db", str(db), *period]) == 0
        if name.endswith(".csv"):
            frame = pd.read_csv(out, encoding="utf-8-sig")
        else:
            frame = pd.read_excel(out, engine="calamine")
        assert frame["customer_id"].iloc[0] == '\'=HYPERLINK("http://evil","x")'
        assert frame["revenue"].iloc[0] == 500


def money_frame() -> pd.DataFrame:
    """Sums as floating point leaves them: 0.1 + 0.2 style noise on money and on shares."""
    return pd.DataFrame(
        {
            "customer_id": ["c1", "c2"],
            "revenue": [839.4000000000001, 1234567.005000001],
            "avg_order_value": [279.80000000000007, -12.499999999999998],
            "share_revenue": [0.123456789, 1 / 3],
            "return_rate": [0.30000000000000004, 0.0],
            "orders": [3, 4],
        }
    )


def test_a_csv_export_writes_money_to_the_cent_and_shares_to_four_places(tmp_path):
    import csv

    path = export.write_table(money_frame(), tmp_path / "audience.csv")
    with path.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["revenue"] for r in rows] == ["839.4", "1234567.01"]
    assert [r["avg_order_value"] for r in rows] == ["279.8", "-12.5"]
    assert [r["share_revenue"] for r in rows] == ["0.1235", "0.3333"]  # a share, not money
    assert [r["return_rate"] for r in rows] == ["0.3", "0.0"]
    assert [r["orders"] for r in rows] == ["3", "4"]
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["revenue"].dtype.kind == "f", "money stays a number"


def cell_formats(xlsx: Path) -> dict[str, str]:
    """Each cell of the first sheet (``"B2"``) and the number format Excel shows it in."""
    import re
    import zipfile

    book = zipfile.ZipFile(xlsx)
    styles = book.read("xl/styles.xml").decode()
    codes = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    cell_xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles).group(1)
    xf_formats = re.findall(r'<xf numFmtId="(\d+)"', cell_xfs)
    sheet = book.read("xl/worksheets/sheet1.xml").decode()
    return {
        ref: codes.get(xf_formats[int(style or 0)], "General")
        for ref, style in re.findall(r'<c r="([A-Z]+\d+)"(?: s="(\d+)")?', sheet)
    }


def test_an_excel_export_writes_rounded_numbers_with_a_money_format(tmp_path):
    path = export.write_table(money_frame(), tmp_path / "audience.xlsx")
    back = pd.read_excel(path, engine="calamine")
    assert back["revenue"].tolist() == [839.4, 1234567.01]
    assert back["avg_order_value"].tolist() == [279.8, -12.5]
    assert back["share_revenue"].tolist() == [0.1235, 0.3333]
    assert back["return_rate"].tolist() == [0.3, 0.0]
    formats = cell_formats(path)
    assert formats["B2"] == formats["C3"] == "#,##0.00", "money opens as money: two decimals"
    assert formats["D2"] == formats["F2"] == "General", "a share and a count are not money"
