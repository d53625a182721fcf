"""Tests of dashboard.campaigns: target and control groups, measured response."""
