"""Tests of dashboard.store: the schema, connections, the shared-file lock."""
