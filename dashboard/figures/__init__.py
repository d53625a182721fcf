"""Figures: each builder takes a tidy DataFrame and options and returns a Plotly figure.

One module per page area (pyramid, customers, clusters, feedback, loyalty, campaigns) and
``theme`` (one colour per tier and cluster, type sizes, axis titles with units). Builders compute
nothing from the database: the core's results come in, a figure goes out; no streamlit here.
"""
