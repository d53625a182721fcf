"""Tests of dashboard.value: the value table, tiers, whale curve, migration and RFM."""
