"""Figure builders: each takes a tidy DataFrame and options and returns a plotly Figure."""
