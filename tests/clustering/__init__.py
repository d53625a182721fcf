"""Tests of dashboard.clustering: features, runs, saved models and picks."""
