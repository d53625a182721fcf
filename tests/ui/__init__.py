"""Tests of the pages through Streamlit's AppTest, on real DuckDB files."""
