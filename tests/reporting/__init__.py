"""Tests of dashboard.reporting: KPIs, the story, the report and exports."""
