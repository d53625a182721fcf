"""Tests of dashboard.feedback: trends, complaints, terms and the iceberg."""
