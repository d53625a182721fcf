"""Tests of dashboard.access: accounts, roles, sign-in rules and the audit log."""
