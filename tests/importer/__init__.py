"""Tests of dashboard.importer: real files in, clear messages for bad ones."""
