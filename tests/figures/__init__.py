"""Tests of dashboard.figures: the charts' titles, labels and colours."""
