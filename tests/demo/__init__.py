"""Tests of dashboard.demo: the demo shop and taking it out again."""
