"""Tests of dashboard.loyalty: NPS, the loyalty ladder and retention."""
